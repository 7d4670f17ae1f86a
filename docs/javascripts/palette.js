// The light/dark toggle (partials/palette.html). It keeps Material's behaviour: the reader's
// choice is stored under Material's own key, which Material's head script applies before the
// page is drawn; a first visit follows the system's preference; an option with the media
// "(prefers-color-scheme)" follows the system's light or dark option, also when the system
// switches; Enter on the toggle moves to the next option.
// Unlike Material's palette component it changes nothing the head script already set, so a
// page load restyles nothing, and it marks the page as switching only when the reader switches.
(function () {
  var form = document.querySelector("form[data-palette-toggle]");
  if (!form || typeof __md_get !== "function") return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var body = document.body;
  var current = 0;
  var AUTOMATIC = "(prefers-color-scheme)";
  var systemLight = matchMedia("(prefers-color-scheme: light)");

  function colourOf(input) {
    var colour = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      colour[key] = input.getAttribute("data-md-color-" + key);
    });
    if (colour.media === AUTOMATIC) {  // the colours of the option for the system's preference
      var followed = form.querySelector("[data-md-color-media='(prefers-color-scheme: " +
        (systemLight.matches ? "light" : "dark") + ")']");
      if (followed) {
        ["scheme", "primary", "accent"].forEach(function (key) {
          colour[key] = followed.getAttribute("data-md-color-" + key);
        });
      }
    }
    return colour;
  }

  function browserColours() {
    // The colour of the browser's own bar on phones. (Material also writes a color-scheme meta,
    // which makes the browser restyle every element; site.css sets the page's color-scheme.)
    var header = document.querySelector("header");
    if (!header) return;
    var rgb = getComputedStyle(header).backgroundColor.match(/\d+/g) || [];
    var meta = document.head.querySelector('meta[name="theme-color"]');
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = "theme-color";
      document.head.appendChild(meta);
    }
    meta.content = "#" + rgb.slice(0, 3).map(function (c) {
      return (+c).toString(16).padStart(2, "0");
    }).join("");
  }

  function apply(index, switching) {
    var colour = colourOf(inputs[index]);
    var changes = Object.keys(colour).filter(function (key) {
      return body.getAttribute("data-md-color-" + key) !== colour[key];
    });
    if (switching && changes.length) body.setAttribute("data-md-color-switching", "");
    changes.forEach(function (key) { body.setAttribute("data-md-color-" + key, colour[key]); });
    current = index;
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label instanceof HTMLElement && label.hidden !== (i !== index)) label.hidden = i !== index;
    });
    __md_set("__palette", { index: index, color: colour });
    // After the next frame, when the new colours are drawn: reading styles then costs nothing.
    requestAnimationFrame(function () {
      setTimeout(function () {
        if (switching) body.removeAttribute("data-md-color-switching");
        browserColours();
      });
    });
  }

  var stored = __md_get("__palette");
  var index = stored && typeof stored.index === "number" ? stored.index
    : inputs.findIndex(function (input) { return matchMedia(input.getAttribute("data-md-color-media")).matches; });
  apply(Math.max(0, Math.min(index, inputs.length - 1)), false);

  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () { apply(i, true); });
  });
  systemLight.addEventListener("change", function () {
    if (inputs[current].getAttribute("data-md-color-media") === AUTOMATIC) apply(current, true);
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
