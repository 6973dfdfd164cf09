// Progressive enhancement for patchy mobile data: every answer is saved as it is chosen, so a
// lost connection or a closed tab loses nothing. Without JavaScript the "Simpan dulu" button
// and resubmitting the form do the same job. The "3/8 terjawab" count (rendered by the server
// from saved answers) follows the choices as they are made.
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var count = document.getElementById("answered-count");
  function recount() {
    if (!count) return;
    var questions = form.querySelectorAll("fieldset.question");
    var answered = 0;
    for (var i = 0; i < questions.length; i++) {
      if (questions[i].querySelector("input:checked")) answered++;
    }
    count.textContent = String(answered);
  }
  form.addEventListener("change", recount);
  // On a slow phone the page shows before this script runs: a choice made in between is counted
  // (and, below, saved) as if it had been made afterwards.
  recount();
  if (!window.fetch || !window.FormData) return;
  var status = document.getElementById("autosave-status");
  var pending = null;
  function save() {
    var data = new FormData(form);
    data.set("aksi", "simpan");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin", keepalive: true,
                         headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (status) status.textContent = response.ok ? status.dataset.saved : status.dataset.failed;
      })
      .catch(function () { if (status) status.textContent = status.dataset.failed; });
  }
  function later() {
    clearTimeout(pending);
    pending = setTimeout(save, 300);
  }
  form.addEventListener("change", later);
  var inputs = form.querySelectorAll("fieldset.question input");
  for (var i = 0; i < inputs.length; i++) {
    if (inputs[i].checked !== inputs[i].defaultChecked) { later(); break; }
  }
  // Sending the form saves the answers too: a save still waiting would reach a submitted attempt.
  form.addEventListener("submit", function () { clearTimeout(pending); });
})();
