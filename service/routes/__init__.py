"""One router per resource, joined in :func:`bundlekg.service.app.create_app`."""
