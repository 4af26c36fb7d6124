/* Adds a "Copy link" button beside each passage permalink. Without JavaScript the permalink
   itself is still there to copy. Loaded as a static file: the CSP allows no inline script. */
(function () {
  "use strict";
  var links = document.querySelectorAll("a.permalink");
  if (!links.length) return;

  var status = document.createElement("p");
  status.className = "copy-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);
  var timer = null;

  function announce(message) {
    status.textContent = message;
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = ""; }, 2500);
  }

  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(field);
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }

  Array.prototype.forEach.call(links, function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-permalink";
    button.textContent = "Copy link";
    var label = link.querySelector(".visually-hidden");
    button.setAttribute("aria-label", "Copy link to " + (label ? label.textContent.replace(/[()]/g, "").replace("permalink to ", "").trim() : "this passage"));
    // The public address (data-public-url), not the page's own: a draft preview's address is
    // the admin's or carries ?preview=1, which readers cannot open.
    var pub = link.getAttribute("data-public-url");
    button.dataset.url = pub ? new URL(pub, window.location.origin).href : link.href;
    button.addEventListener("click", function () {
      copy(button.dataset.url).then(function (ok) {
        announce(ok ? "Link copied: " + button.dataset.url : "Copy this link: " + button.dataset.url);
      });
    });
    link.insertAdjacentElement("afterend", button);
  });
})();
