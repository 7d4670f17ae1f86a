// The copy buttons the build writes into every code block (hooks/code_blocks.py): one
// listener for the page, which copies the block's text exactly, without measuring anything.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button[data-copy]");
  if (!button) return;
  var block = document.getElementById(button.getAttribute("data-copy"));
  var code = block && block.querySelector("code");
  if (!code) return;
  var text = code.textContent.replace(/\n$/, "");
  var done = function () {
    button.classList.add("md-code__button--active");
    button.setAttribute("title", "Copied to clipboard");
    setTimeout(function () {
      button.classList.remove("md-code__button--active");
      button.setAttribute("title", "Copy to clipboard");
    }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done);
  } else {  // an address the clipboard API refuses: the older way
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    done();
  }
});
