/* The bundlekg graph explorer and source view.
 *
 * Everything shown comes from the REST API. Text from documents (quotes, titles, descriptors) is
 * put into the page with text nodes and attributes only, never parsed as markup. */

const body = document.body;
const root = new URL(body.dataset.root || "", window.location.href);

/* ---- small helpers ---------------------------------------------------------------------- */

function url(path, params) {
  const target = new URL(path, root);
  for (const [name, value] of Object.entries(params || {})) {
    for (const one of [].concat(value)) {
      target.searchParams.append(name, String(one));
    }
  }
  return target;
}

async function getJson(path, params) {
  const response = await fetch(url(path, params), { headers: { Accept: "application/json" } });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const message = data && data.error ? data.error : `${response.status} ${response.statusText}`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return data;
}

/* An element with attributes and children; strings become text nodes, never markup. */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

function sourceLink(document_, start, end) {
  const params = start !== null && start !== undefined ? { start, end } : {};
  return url(`explore/source/${encodeURIComponent(document_)}`, params).href;
}

/* ---- what the drawing shows ------------------------------------------------------------- */

const NODE_KINDS = {
  code: { label: "code", color: "#1f5fa8", shape: "round-rectangle", text: "#ffffff" },
  addon: { label: "add-on code", color: "#6a3d9a", shape: "rhomboid", text: "#ffffff" },
  region: { label: "region", color: "#f4a259", shape: "ellipse", text: "#222222" },
  modality: { label: "modality", color: "#f2d14b", shape: "diamond", text: "#222222" },
  approach: { label: "approach", color: "#a47551", shape: "hexagon", text: "#ffffff" },
  category: { label: "category", color: "#b8c4cc", shape: "tag", text: "#222222" },
  modifier: { label: "modifier", color: "#9bc53d", shape: "octagon", text: "#222222" },
  source: { label: "source document", color: "#ffffff", shape: "rectangle", text: "#333333" },
};

const EDGE_KINDS = {
  includes: { label: "includes", color: "#1f5fa8", style: "solid", arrow: "triangle" },
  separately_reportable: {
    label: "separately reportable",
    color: "#2a9d55",
    style: "solid",
    arrow: "triangle-tee",
  },
  separately_reportable_with_modifier: {
    label: "reportable with modifier",
    color: "#2a9d55",
    style: "dashed",
    arrow: "triangle-tee",
  },
  add_on_to: { label: "add-on to", color: "#6a3d9a", style: "solid", arrow: "triangle-backcurve" },
  report_instead: { label: "report instead", color: "#e07a1f", style: "solid", arrow: "chevron" },
  guided_variant_of: { label: "guided variant of", color: "#a47551", style: "solid", arrow: "vee" },
  stated_by: { label: "stated by", color: "#c3c3c3", style: "dotted", arrow: "none" },
};
const OTHER_EDGE = { color: "#8a8a8a", style: "solid", arrow: "vee" };
const CONTESTED = "#d62728";

/* Links that say the contrary of a link of this kind, between the same two nodes. */
const CONTRARY = {
  includes: ["separately_reportable", "add_on_to", "separately_reportable_with_modifier"],
  separately_reportable: ["includes"],
  add_on_to: ["includes"],
  separately_reportable_with_modifier: ["includes"],
  includes_guidance: ["excludes_guidance"],
  excludes_guidance: ["includes_guidance"],
};

function kindLabel(kind) {
  return (EDGE_KINDS[kind] && EDGE_KINDS[kind].label) || kind.replaceAll("_", " ");
}

function cytoscapeStyle() {
  const style = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-size": 11,
        "font-family": "system-ui, sans-serif",
        "text-valign": "center",
        "text-halign": "center",
        "text-wrap": "wrap",
        "text-max-width": 110,
        width: "data(width)",
        height: "data(height)",
        "border-width": 1,
        "border-color": "#555555",
      },
    },
    {
      selector: "edge",
      style: {
        width: 1.6,
        "curve-style": "bezier",
        "arrow-scale": 0.9,
        label: "data(label)",
        "font-size": 8,
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": 1,
        color: "#444444",
        "line-color": OTHER_EDGE.color,
        "target-arrow-color": OTHER_EDGE.color,
        "target-arrow-shape": OTHER_EDGE.arrow,
      },
    },
  ];
  for (const [kind, look] of Object.entries(NODE_KINDS)) {
    style.push({
      selector: `node[kind = "${kind}"]`,
      style: { "background-color": look.color, shape: look.shape, color: look.text },
    });
  }
  style.push({
    selector: 'node[kind = "source"]',
    style: { "font-size": 9, "text-max-width": 140, "border-style": "double", "border-width": 3 },
  });
  for (const [kind, look] of Object.entries(EDGE_KINDS)) {
    style.push({
      selector: `edge[kind = "${kind}"]`,
      style: {
        "line-color": look.color,
        "target-arrow-color": look.color,
        "target-arrow-shape": look.arrow,
        "line-style": look.style,
        width: kind === "stated_by" ? 1 : 2.4,
      },
    });
  }
  style.push(
    { selector: 'edge[kind = "stated_by"]', style: { label: "" } },
    { selector: "edge[?derived]", style: { "line-style": "dotted", opacity: 0.8 } },
    {
      selector: "edge[?contested]",
      style: {
        "line-color": CONTESTED,
        "target-arrow-color": CONTESTED,
        width: 4.5,
        color: CONTESTED,
        "font-weight": "bold",
        "underlay-color": CONTESTED,
        "underlay-opacity": 0.18,
        "underlay-padding": 5,
      },
    },
    { selector: "node.root", style: { "border-width": 4, "border-color": "#111111" } },
    { selector: ".path", style: { "overlay-color": "#ffd400", "overlay-opacity": 0.35 } },
    {
      selector: ":selected",
      style: { "overlay-color": "#0077ff", "overlay-opacity": 0.25, "overlay-padding": 6 },
    },
  );
  return style;
}

/* A node's box from its label, measured in the font the drawing uses (wrapped like it). */
const measure = document.createElement("canvas").getContext("2d");
function nodeBox(node) {
  const source = node.kind === "source";
  const size = source ? 9 : 11;
  const wrap = source ? 140 : 110;
  measure.font = `${size}px system-ui, sans-serif`;
  const width = measure.measureText(node.label).width;
  const lines = Math.ceil(width / wrap) + (width > wrap ? 1 : 0);
  const pad = ["region", "modality", "approach", "modifier"].includes(node.kind) ? 30 : 16;
  return { width: Math.min(width, wrap) + pad, height: lines * (size + 3) + 12 };
}

/* A seeded generator, so the layout (fCoSE draws random numbers) is the same on every load. */
function seeded(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function runLayout(cy) {
  const saved = Math.random;
  Math.random = seeded(20241124);
  try {
    cy.layout({
      name: "fcose",
      quality: "proof",
      randomize: true,
      animate: false,
      fit: true,
      padding: 30,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 160,
      nodeRepulsion: () => 30000,
      nodeSeparation: 90,
      numIter: 4000,
    }).run();
  } finally {
    Math.random = saved;
  }
  if (cy.zoom() > 1.3) {
    cy.zoom(1.3);
    cy.center();
  }
}

/* ---- the explorer ----------------------------------------------------------------------- */

function explorer() {
  const panel = document.getElementById("panel");
  const query = document.getElementById("query");
  const depth = document.getElementById("depth");
  const matches = document.getElementById("matches");
  window.cytoscape.use(window.cytoscapeFcose);
  const cy = window.cytoscape({
    container: document.getElementById("graph"),
    style: cytoscapeStyle(),
    elements: [],
    minZoom: 0.2,
    maxZoom: 3,
  });
  const state = { code: null, depth: 1 };
  window.bundlekgExplorer = { cy, state };

  function setState(value) {
    body.dataset.state = value;
  }

  function remember(params) {
    const next = new URL(window.location.href);
    next.search = new URLSearchParams(params).toString();
    window.history.replaceState(null, "", next);
  }

  function message(text, className) {
    replace(panel, el("p", { class: className || "hint" }, text));
  }

  /* -- quotes ------------------------------------------------------------------------------ */

  function quoteFigure(item) {
    const cite = el(
      "p",
      { class: "cite" },
      el("a", { href: sourceLink(item.source, item.start, item.end), class: "source-link" },
        item.title),
      ` · ${item.kind} (authority ${item.authority})`,
      item.role === "premise" ? " · premise" : null,
      item.derived_by ? ` · via ${item.derived_by.join(" ← ")}` : null,
      item.negated ? " · negated" : null,
    );
    return el(
      "article",
      { class: `quote role-${item.role}`, "data-source": item.source, "data-claim": item.claim },
      el("blockquote", {}, el("span", { class: "context" }, item.before ? `${item.before} ` : ""),
        el("mark", {}, item.quote),
        el("span", { class: "context" }, item.after ? ` ${item.after}` : "")),
      cite,
    );
  }

  async function quotes(ids, heading, empty) {
    const section = el("section", { class: "quotes" }, el("h3", {}, heading));
    if (!ids.length) {
      section.append(el("p", { class: "hint" }, empty));
      return section;
    }
    const found = await getJson("v1/graph/evidence", { id: ids.slice(0, 200) });
    section.firstChild.append(` (${found.count})`);
    for (const item of found.results) section.append(quoteFigure(item));
    return section;
  }

  /* -- panels ------------------------------------------------------------------------------ */

  function nodeName(id) {
    const node = cy.getElementById(id);
    return node.nonempty() ? node.data("label") : id;
  }

  function isCode(id) {
    const node = cy.getElementById(id);
    return node.nonempty() && ["code", "addon"].includes(node.data("kind"));
  }

  function contraryEdges(edge) {
    const kinds = CONTRARY[edge.data("kind")] || [];
    const { source, target } = edge.data();
    return cy.edges().filter((other) => {
      if (other === edge || !kinds.includes(other.data("kind"))) return false;
      const [s, t] = [other.data("source"), other.data("target")];
      if (edge.data("kind").endsWith("guidance")) return s === source;
      return (s === source && t === target) || (s === target && t === source);
    });
  }

  async function showEdge(edge) {
    const data = edge.data();
    setState("loading");
    const title = `${nodeName(data.source)} ${kindLabel(data.kind)} ${nodeName(data.target)}`;
    const badges = el(
      "p",
      { class: "badges" },
      data.contested ? el("span", { class: "badge contested" }, "contested") : null,
      data.derived ? el("span", { class: "badge derived" }, "derived by rules") : null,
      data.rules.length ? el("span", { class: "badge" }, `rules: ${data.rules.join(", ")}`) : null,
    );
    const parts = [el("h2", { class: "edge-title" }, title), badges];
    if (data.contested) {
      parts.push(
        el("p", { class: "warning" },
          "Sources disagree: some graph asserts the contrary of this link. Both sides follow."),
      );
    }
    if (isCode(data.source) && isCode(data.target) && data.kind !== "stated_by") {
      parts.push(
        el("button", {
          type: "button",
          class: "pair-button",
          onclick: () => runPair(data.source, data.target),
        }, `Verdict for ${data.source} + ${data.target}`),
      );
    }
    replace(panel, parts, el("p", { class: "hint" }, "Reading the sources…"));
    try {
      const stated = await quotes(data.claims, "Behind this link", "No quote.");
      const contrary = contraryEdges(edge);
      const sections = [stated];
      if (contrary.nonempty()) {
        const ids = [...new Set(contrary.map((e) => e.data("claims")).flat())];
        const heading = `Saying otherwise: ${contrary.map((e) => kindLabel(e.data("kind")))
          .filter((v, i, all) => all.indexOf(v) === i).join(", ")}`;
        sections.push(await quotes(ids, heading, "No quote."));
      }
      replace(panel, parts, sections);
    } catch (error) {
      replace(panel, parts, el("p", { class: "error" }, error.message));
    }
    setState("ready");
  }

  async function showNode(node) {
    const data = node.data();
    setState("loading");
    const kind = NODE_KINDS[data.kind] ? NODE_KINDS[data.kind].label : data.kind;
    const parts = [el("h2", {}, data.label, el("small", {}, ` ${kind}`))];
    if (data.descriptor) parts.push(el("p", { class: "descriptor" }, data.descriptor));
    if (["code", "addon"].includes(data.kind) && data.id !== state.code) {
      parts.push(el("button", { type: "button", onclick: () => load(data.id) },
        `Explore from ${data.id}`));
    }
    if (data.kind === "source") {
      const documentId = data.id.replace(/^source:/, "");
      parts.push(el("p", {}, el("a", { href: sourceLink(documentId), class: "source-link" },
        "Read the document with its claims marked")));
    }
    const links = node.connectedEdges().filter((e) => e.data("kind") !== "stated_by");
    if (links.nonempty()) {
      const list = el("ul", { class: "links" });
      links.sort((a, b) => (a.data("id") < b.data("id") ? -1 : 1)).forEach((edge) => {
        const text = `${nodeName(edge.data("source"))} ${kindLabel(edge.data("kind"))} `
          + `${nodeName(edge.data("target"))}`;
        list.append(el("li", {}, el("button", {
          type: "button",
          class: edge.data("contested") ? "link contested" : "link",
          onclick: () => { cy.elements().unselect(); edge.select(); showEdge(edge); },
        }, text, edge.data("contested") ? " (contested)" : "")));
      });
      parts.push(el("section", {}, el("h3", {}, `Links (${links.length})`), list));
    }
    replace(panel, parts, el("p", { class: "hint" }, "Reading the sources…"));
    try {
      const stated = node.connectedEdges().filter((e) => e.data("kind") === "stated_by");
      const ids = [...new Set(stated.map((e) => e.data("claims")).flat())];
      const heading = data.kind === "source" ? "Its claims here" : "What sources say of it";
      const section = ids.length ? await quotes(ids, heading, "No quote.") : null;
      replace(panel, parts, section);
    } catch (error) {
      replace(panel, parts, el("p", { class: "error" }, error.message));
    }
    setState("ready");
  }

  function showHome() {
    replace(
      panel,
      el("p", { class: "hint" }, "Click a node or a link to read the sentences behind it; red "
        + "links are contested. Questions about the whole graph:"),
      el("p", {},
        el("button", { type: "button", onclick: showContested }, "Most contested codes"), " ",
        el("button", { type: "button", onclick: showWeak }, "Codes with one weak source")),
    );
  }

  function codeButton(code) {
    return el("button", { type: "button", class: "code", onclick: () => load(code) }, code);
  }

  async function showContested() {
    setState("loading");
    try {
      const found = await getJson("v1/graph/contested", { limit: 10 });
      const list = el("ol", { class: "ranked" });
      for (const item of found.results) {
        list.append(el("li", {}, codeButton(item.code),
          ` ${item.contested} contested links, ${item.documents.length} documents`));
      }
      replace(panel, el("h2", {}, "Most contested codes"), list);
    } catch (error) {
      message(error.message, "error");
    }
    setState("ready");
  }

  async function showWeak() {
    setState("loading");
    try {
      const found = await getJson("v1/graph/weakly-sourced");
      const list = el("ul", { class: "ranked" });
      for (const item of found.results) {
        list.append(el("li", {}, codeButton(item.code), " only ",
          el("a", { href: sourceLink(item.source.id) }, item.source.title),
          ` (${item.source.kind}, authority ${item.source.authority})`));
      }
      replace(panel, el("h2", {}, "Codes with one weak source"),
        el("p", { class: "hint" }, `Only one document of authority ${found.max_authority} or `
          + "less speaks of these codes."), list);
    } catch (error) {
      message(error.message, "error");
    }
    setState("ready");
  }

  /* -- the pair ---------------------------------------------------------------------------- */

  function evidenceItem(item) {
    const where = item.start !== null
      ? el("a", { href: sourceLink(item.source, item.start, item.end), class: "source-link" },
        item.title)
      : el("span", {}, `${item.title}, line ${item.line}`);
    return el(
      "article",
      { class: `quote stance-${item.stance}` },
      el("p", { class: "stance" }, item.stance === "supports" ? "+ supports" : "− contradicts",
        ` · says ${item.says.replaceAll("_", " ")}`, item.modifier ? ` (${item.modifier})` : ""),
      el("blockquote", {}, el("mark", {}, item.quote)),
      el("p", { class: "cite" }, where, ` · ${item.kind} (authority ${item.authority})`,
        item.role === "premise" ? " · premise" : null,
        item.derived_by ? ` · via ${item.derived_by.join(" ← ")}` : null),
    );
  }

  async function runPair(a, b) {
    setState("loading");
    document.getElementById("pair-a").value = a;
    document.getElementById("pair-b").value = b;
    remember({ a, b });
    message(`Comparing ${a} and ${b}…`);
    try {
      const [verdict, chain] = await Promise.all([
        getJson("v1/reportable", { a, b }),
        getJson("v1/graph/path", { from: a, to: b }).catch(() => null),
      ]);
      const parts = [
        el("h2", {}, `${verdict.a} + ${verdict.b}`),
        el("p", { class: `verdict verdict-${verdict.verdict}` },
          verdict.verdict.replaceAll("_", " ").toUpperCase(),
          verdict.contested ? el("span", { class: "badge contested" }, "contested") : null),
        el("p", { class: "reason" }, verdict.reason),
      ];
      if (verdict.report_instead) {
        parts.push(el("p", {}, `Report instead: `, codeButton(verdict.report_instead)));
      }
      if (chain && chain.found) {
        const steps = el("ol", { class: "chain" });
        for (const step of chain.steps) {
          steps.append(el("li", { class: step.contested ? "contested" : null },
            `${step.source} ${kindLabel(step.kind)} ${step.target}`,
            step.derived ? " (derived)" : "",
            el("small", {}, ` — ${step.sources.map((s) => s.title).join("; ")}`)));
        }
        parts.push(el("section", {}, el("h3", {}, "Chain of facts"), steps));
      }
      const evidence = el("section", { class: "quotes" },
        el("h3", {}, `Evidence (${verdict.evidence.length})`));
      for (const item of verdict.evidence) evidence.append(evidenceItem(item));
      parts.push(evidence);
      replace(panel, parts);
      if (state.code !== verdict.a) await draw(verdict.a, Math.max(state.depth, 2));
      cy.elements().removeClass("path");
      if (chain && chain.found) {
        for (const id of chain.nodes) cy.getElementById(id).addClass("path");
        for (const step of chain.steps) {
          cy.getElementById(`${step.source} ${step.kind} ${step.target}`).addClass("path");
        }
      }
    } catch (error) {
      message(error.message, "error");
    }
    setState("ready");
  }

  /* -- loading a code ---------------------------------------------------------------------- */

  async function draw(code, hops) {
    const graph = await getJson(`v1/graph/${encodeURIComponent(code)}`, { depth: hops });
    const elements = graph.nodes.map((node, index) => ({
      group: "nodes",
      data: { ...node, ...nodeBox(node) },
      /* Apart from the start, so no edge is measured between two nodes on the same spot. */
      position: {
        x: 400 * Math.cos((2 * Math.PI * index) / graph.nodes.length),
        y: 400 * Math.sin((2 * Math.PI * index) / graph.nodes.length),
      },
    }));
    for (const edge of graph.edges) {
      const named = edge.kind in EDGE_KINDS && edge.kind !== "stated_by";
      const label = named || edge.contested
        ? `${kindLabel(edge.kind)}${edge.contested ? " ⚠" : ""}` : "";
      elements.push({ group: "edges", data: { ...edge, label } });
    }
    cy.elements().remove();
    cy.add(elements);
    cy.getElementById(graph.code).addClass("root");
    runLayout(cy);
    state.code = graph.code;
    state.depth = hops;
    depth.value = String(hops);
    return graph;
  }

  let typing = null;
  let asked = 0; /* the latest search; answers to earlier ones are dropped */

  function closeMatches() {
    clearTimeout(typing);
    asked += 1;
    matches.hidden = true;
  }

  async function load(code, hops) {
    setState("loading");
    closeMatches();
    query.value = code;
    try {
      const graph = await draw(code, hops || Number(depth.value) || 1);
      remember({ code: graph.code, depth: graph.depth });
      const node = cy.getElementById(graph.code);
      cy.elements().unselect();
      node.select();
      await showNode(node);
    } catch (error) {
      message(error.status === 404 ? `${code}: no source in the graph mentions it.`
        : error.message, "error");
    }
    setState("ready");
  }

  async function suggest(text) {
    asked += 1;
    const mine = asked;
    const found = await getJson("v1/codes", { q: text, limit: 12 });
    if (mine !== asked) return found.results;
    replace(matches, found.results.map((match) => el("li", {}, el("button", {
      type: "button",
      onclick: () => load(match.code),
    }, el("strong", {}, match.code), match.descriptor ? ` ${match.descriptor}` : ""))));
    matches.hidden = found.results.length === 0;
    return found.results;
  }

  document.getElementById("search").addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(typing);
    const text = query.value.trim();
    if (!text) return;
    try {
      const results = await suggest(text);
      const exact = results.find((m) => m.code === text.toUpperCase());
      if (exact) {
        await load(exact.code);
      } else if (results.length === 0) {
        message(`Nothing matches “${text}”.`, "error");
      }
    } catch (error) {
      message(error.message, "error");
    }
  });

  query.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeMatches();
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest("#search")) closeMatches();
  });
  query.addEventListener("input", () => {
    clearTimeout(typing);
    const text = query.value.trim();
    if (text.length < 2) {
      matches.hidden = true;
      return;
    }
    typing = setTimeout(() => suggest(text).catch(() => { matches.hidden = true; }), 250);
  });

  depth.addEventListener("change", () => {
    if (state.code) load(state.code, Number(depth.value));
  });

  document.getElementById("pair").addEventListener("submit", (event) => {
    event.preventDefault();
    const a = document.getElementById("pair-a").value.trim();
    const b = document.getElementById("pair-b").value.trim();
    if (a && b) runPair(a, b);
  });

  cy.on("tap", "edge", (event) => showEdge(event.target));
  cy.on("tap", "node", (event) => showNode(event.target));
  cy.on("dbltap", "node", (event) => {
    if (["code", "addon"].includes(event.target.data("kind"))) load(event.target.id());
  });

  legend();
  const params = new URLSearchParams(window.location.search);
  if (params.get("a") && params.get("b")) {
    runPair(params.get("a"), params.get("b"));
  } else if (params.get("code")) {
    load(params.get("code"), Number(params.get("depth")) || 1);
  } else {
    showHome();
    setState("ready");
  }
}

function legend() {
  const nodes = el("ul", { class: "legend-nodes" });
  for (const look of Object.values(NODE_KINDS)) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = look.color;
    nodes.append(el("li", {}, swatch, look.label));
  }
  const edges = el("ul", { class: "legend-edges" });
  const kinds = [
    ...Object.values(EDGE_KINDS).map((look) => [look.label, look.color, look.style, 3]),
    ["region, modality, category …", OTHER_EDGE.color, "solid", 2],
    ["derived by rules", "#555555", "dotted", 3],
    ["contested ⚠", CONTESTED, "solid", 5],
  ];
  for (const [label, color, style, width] of kinds) {
    const line = el("span", { class: "line" });
    line.style.borderTop = `${width}px ${style} ${color}`;
    edges.append(el("li", {}, line, label));
  }
  replace(document.getElementById("legend"), el("strong", {}, "Nodes"), nodes,
    el("strong", {}, "Links"), edges);
}

/* ---- the source view -------------------------------------------------------------------- */

async function sourceView() {
  const article = document.getElementById("source");
  const card = document.getElementById("claim-card");
  const documentId = body.dataset.document;
  const params = new URLSearchParams(window.location.search);
  const wanted = {
    start: params.has("start") ? Number(params.get("start")) : null,
    end: params.has("end") ? Number(params.get("end")) : null,
    claim: params.get("claim"),
  };
  let source;
  try {
    source = await getJson(`v1/sources/${encodeURIComponent(documentId)}`);
  } catch (error) {
    replace(article, el("p", { class: "error" }, error.message));
    body.dataset.state = "ready";
    return;
  }
  const claims = new Map(source.claims.map((claim) => [claim.id, claim]));
  const header = [
    el("h2", {}, source.title),
    el("p", { class: "meta" }, `${source.id} · ${source.kind} (authority ${source.authority})`
      + ` · ${source.claims.length} claims · sha256 ${source.sha256.slice(0, 12)}…`),
  ];
  const text = source.text || "";
  const cuts = new Set([0, text.length]);
  for (const claim of source.claims) {
    cuts.add(claim.start);
    cuts.add(claim.end);
  }
  if (wanted.start !== null && wanted.end !== null) {
    cuts.add(wanted.start);
    cuts.add(wanted.end);
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const container = el("div", { class: "text" });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = source.claims.filter((c) => c.start <= from && to <= c.end);
    if (!covering.length) {
      container.append(document.createTextNode(piece));
      continue;
    }
    const target = (wanted.claim && covering.some((c) => c.id === wanted.claim))
      || (wanted.start !== null && wanted.start <= from && to <= wanted.end);
    const mark = el("mark", {
      class: target ? "claim target" : "claim",
      tabindex: "0",
      "data-claims": covering.map((c) => c.id).join(" "),
      title: covering.map((c) => `${c.id}: ${c.asserts.map((t) => t.join(" ")).join("; ")}`)
        .join("\n"),
    }, piece);
    container.append(mark);
  }
  replace(article, header, container);

  function showClaims(mark) {
    const shown = mark.dataset.claims.split(" ").map((id) => claims.get(id)).filter(Boolean);
    replace(card, shown.map((claim) => el("section", { class: "claim-detail" },
      el("h3", {}, claim.id),
      el("p", { class: "meta" }, `${claim.start}..${claim.end} · ${claim.extracted_by}`
        + ` · confidence ${claim.confidence}${claim.negated ? " · negated" : ""}`),
      el("ul", {}, claim.asserts.map((t) => el("li", {}, t.join(" ")))))));
    card.hidden = false;
  }
  container.addEventListener("mouseover", (event) => {
    const mark = event.target.closest("mark.claim");
    if (mark) showClaims(mark);
  });
  container.addEventListener("focusin", (event) => {
    const mark = event.target.closest("mark.claim");
    if (mark) showClaims(mark);
  });
  const first = container.querySelector("mark.target");
  if (first) {
    first.scrollIntoView({ block: "center" });
    showClaims(first);
  }
  body.dataset.state = "ready";
}

if (body.dataset.view === "source") {
  sourceView();
} else {
  explorer();
}
