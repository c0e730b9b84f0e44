/* The bundlekg query editor: YASGUI on this endpoint, with the project's queries as tabs. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("bundlekg-editor").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;

  /* Class and property completion asks a service on the Internet; the editor asks only us. */
  var local = ["variables", "prefixes"];
  Yasgui.Yasqe.defaults.autocompleters = local.slice();
  if (Yasgui.defaults.yasqe) {
    Yasgui.defaults.yasqe.autocompleters = local.slice();
  }

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {
      endpoint: endpoint,
      method: "POST",
      acceptHeaderGraph: "text/turtle,*/*;q=0.9",
    },
    copyEndpointOnNewTab: true,
    autoAddOnInit: false,
    persistenceId: config.storage,
    endpointCatalogueOptions: {
      getData: function () {
        return [{ endpoint: endpoint }];
      },
      keys: [],
    },
  });

  config.tabs.forEach(function (tab) {
    if (yasgui.tabNameTaken(tab.name)) {
      return;
    }
    yasgui.addTab(!yasgui.getTab(), {
      name: tab.name,
      yasqe: { value: tab.query },
      requestConfig: { endpoint: endpoint },
    });
  });
  window.yasgui = yasgui;
})();
