// "Tampilkan kata sandi": shows what was typed, to check it on a small keyboard. Without
// JavaScript the button stays hidden and the box is an ordinary password box.
(function () {
  var buttons = document.querySelectorAll("button[data-toggles]");
  Array.prototype.forEach.call(buttons, function (button) {
    var input = document.getElementById(button.getAttribute("data-toggles"));
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var show = input.type === "password";
      input.type = show ? "text" : "password";
      button.setAttribute("aria-pressed", show ? "true" : "false");
    });
    // never leave a password readable in a form that is being sent
    if (input.form) input.form.addEventListener("submit", function () { input.type = "password"; });
  });
})();
