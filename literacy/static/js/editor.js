// The partner's file editor: shows the line the cursor is on, and "baris N" in the checker's
// problems moves the cursor to that line. Without JavaScript the textarea works the same and the
// links just lead to it.
(function () {
  var text = document.querySelector("textarea[data-editor]");
  if (!text) return;
  var status = document.getElementById("cursor-line");
  function lineAt(position) { return text.value.slice(0, position).split("\n").length; }
  function show() {
    if (status) status.textContent = status.getAttribute("data-label").replace("%s", lineAt(text.selectionStart));
  }
  if (status) {
    status.hidden = false;
    ["keyup", "click", "focus"].forEach(function (name) { text.addEventListener(name, show); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("a[data-line]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var lines = text.value.split("\n"), n = Math.min(+link.getAttribute("data-line"), lines.length), start = 0;
      for (var i = 0; i < n - 1; i++) start += lines[i].length + 1;
      text.focus();
      text.setSelectionRange(start, start + lines[n - 1].length);
      text.scrollTop = Math.max(0, (n - 3) * text.scrollHeight / lines.length);
      show();
    });
  });
})();
