/* Small enhancements; every page works without them. Copy buttons and facet filter-as-you-type. */
(function () {
  "use strict";
  function announce(text) {
    var live = document.getElementById("live-status");
    if (live) { live.textContent = ""; window.setTimeout(function () { live.textContent = text; }, 50); }
  }
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "absolute"; area.style.left = "-9999px";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = button.dataset.copyFrom ? document.getElementById(button.dataset.copyFrom) : null;
      var text = source ? source.textContent.trim() : button.dataset.copy;
      var label = button.textContent;
      copy(text).then(function () {
        // The words come translated in the page (#live-status), as scripts cannot call gettext.
        var words = document.getElementById("live-status") || {dataset: {}};
        button.textContent = words.dataset.copied || "Copied";
        announce(words.dataset.copiedAnnouncement || "Copied to the clipboard");
        window.setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
  // The filters are a closed disclosure on a phone, so results come first; a column beside them on a desktop.
  if (window.matchMedia("(min-width: 60rem)").matches) {
    document.querySelectorAll("details[data-open-on-wide-screens]").forEach(function (details) { details.open = true; });
  }
  document.querySelectorAll("input.facet-filter").forEach(function (input) {
    var facet = input.closest(".facet");
    var more = facet.querySelector("details.facet-more");
    input.hidden = false;
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      if (needle && more) { more.open = true; }
      facet.querySelectorAll(".facet-values li").forEach(function (item) {
        item.hidden = needle !== "" && item.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  });
})();
