// Material moves to the previous or next page when p, n, "," or "." is pressed outside a
// text field. Without the search box (a page opened where its index cannot load) a reader's
// typing lands on the page, and a word would send them elsewhere: those keys stay on the page.
window.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (!["n", "p", "N", "P", ",", "."].includes(event.key)) return;
  var target = event.target;
  if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
  event.stopImmediatePropagation();
}, true);
