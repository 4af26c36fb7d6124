/* /api/docs/: Swagger UI (drf-spectacular-sidecar's files, served by the site) on the schema
   named by #swagger-ui's data-schema-url. A file, not an inline script: the CSP allows none. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    domNode: root,
    deepLinking: true,
    validatorUrl: null, /* no badge from an outside validator: nothing leaves the site */
    supportedSubmitMethods: ["get"],
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
}());
