/* Opens the document's facts (<details data-open-wide>) on a wide screen, where they fit beside
   the text; on a phone they stay folded behind their one line, so that the text comes first.
   Without JavaScript they stay folded everywhere, one click away. A static file: the CSP allows
   no inline script. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 48rem)").matches) return;
  Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (details) {
    details.open = true;
  });
})();
