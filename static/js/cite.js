/* A "Copy" button beside each citation form ([data-copy]). Loaded as a static file: the CSP
   allows no inline script. Where the clipboard cannot be written, the text is selected so the
   reader can copy it by hand. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("[data-copy]");
  if (!forms.length) return;

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  Array.prototype.forEach.call(forms, function (form) {
    var button = document.createElement("button");
    var output = document.createElement("span");
    button.type = "button";
    button.className = "copy-citation";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy the " + form.getAttribute("data-copy") + " citation");
    output.className = "copy-citation__status";
    output.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = form.textContent.trim();
      var written = navigator.clipboard && window.isSecureContext
        ? navigator.clipboard.writeText(text) : Promise.reject(new Error("no clipboard"));
      written.then(function () {
        output.textContent = "Copied.";
      }, function () {
        selectText(form);
        output.textContent = "Selected: press Ctrl+C or \u2318C to copy.";
      });
    });
    form.insertAdjacentElement("afterend", output);
    form.insertAdjacentElement("afterend", button);
  });
})();
