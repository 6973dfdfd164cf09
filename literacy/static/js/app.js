// Literasi on a cheap phone with patchy data. Everything here is an extra: without JavaScript
// every page and form works as before. The texts come translated from the page (data-* attributes).
(function () {
  var doc = document, html = doc.documentElement, lang = html.lang || "id";
  var notices = doc.getElementById("app-notices");
  var QUEUE = "literasi-antrean", SAVED = "literasi-saved";
  var worker = "serviceWorker" in navigator && window.caches ? navigator.serviceWorker : null;

  function each(selector, fn) { Array.prototype.forEach.call(doc.querySelectorAll(selector), fn); }
  function el(tag, text, cls) {
    var node = doc.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function size(bytes) {
    var mb = bytes >= 1048576;
    return (bytes / (mb ? 1048576 : 1024)).toLocaleString(lang, { maximumFractionDigits: mb ? 1 : 0 }) + (mb ? " MB" : " KB");
  }

  // The worker: pages opened once read offline. The page learns whether it is kept (data-offline).
  function ask(active) {
    var channel = new MessageChannel();
    channel.port1.onmessage = function (e) { html.setAttribute("data-offline", e.data ? "kept" : "not-kept"); };
    var images = Array.prototype.map.call(doc.images, function (img) { return img.src; });
    (navigator.serviceWorker.controller || active).postMessage({ url: location.href, images: images }, [channel.port2]);
  }
  if (worker) {
    worker.register("/sw.js", { scope: "/" }).then(function () { return worker.ready; }).then(function (reg) {
      ask(reg.active);
    });
  }

  // The notices: offline, and what is waiting to be sent.
  function queue() { try { return JSON.parse(localStorage.getItem(QUEUE)) || []; } catch (e) { return []; } }
  function setQueue(items) {
    if (items.length) localStorage.setItem(QUEUE, JSON.stringify(items)); else localStorage.removeItem(QUEUE);
    show();
  }
  function show() {
    if (!notices) return;
    notices.textContent = "";
    if (!navigator.onLine) notices.appendChild(el("p", notices.getAttribute("data-offline"), "notice warning"));
    var items = queue();
    if (items.length) {
      var box = el("div", "", "notice"), list = el("ul");
      box.appendChild(el("p", notices.getAttribute("data-waiting")));
      items.forEach(function (item) { list.appendChild(el("li", item.label)); });
      box.appendChild(list);
      notices.appendChild(box);
    }
  }

  // Forms marked data-queue (quiz answers, "tandai selesai") are kept on the phone when offline
  // and sent, with the page's CSRF token, once the connection returns. The server's rules make a
  // repeat harmless: an attempt is submitted once, a lesson is marked done once.
  each("form[data-queue]", function (form) {
    form.addEventListener("submit", function (event) {
      if (navigator.onLine || !window.FormData) return;
      event.preventDefault();
      var fields = [];
      new FormData(form, event.submitter).forEach(function (value, name) { fields.push([name, value]); });
      var items = queue().filter(function (item) { return item.url !== form.action; });
      items.push({ url: form.action, page: location.pathname, label: form.getAttribute("data-queue"), fields: fields });
      setQueue(items);
      if (notices) notices.scrollIntoView();
    });
  });
  function post(item) {
    return fetch(item.url, { method: "POST", body: new URLSearchParams(item.fields), credentials: "same-origin" });
  }
  function freshToken(item) {  // a saved page was fetched without cookies: it has no token of this session
    return fetch(item.page, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (text) {
      var token = /name="csrf_token" value="([^"]+)"/.exec(text);
      item.fields = item.fields.filter(function (f) { return f[0] !== "csrf_token"; });
      if (token) item.fields.push(["csrf_token", token[1]]);
      return post(item);
    });
  }
  function send() {
    var items = queue();
    if (!items.length || !navigator.onLine || send.busy) return;
    send.busy = true;
    var item = items[0];
    post(item).then(function (response) { return response.status === 400 ? freshToken(item) : response; })
      .then(function (response) {
        setQueue(queue().filter(function (other) { return other.url !== item.url; }));
        send.busy = false;
        if (location.pathname === item.page && response.ok) location.assign(response.url);
        else send();
      }, function () { send.busy = false; });
  }
  window.addEventListener("online", function () { show(); send(); });
  window.addEventListener("offline", show);
  each("form[action$='/keluar']", function (form) {  // nothing of this person stays on a shared phone
    form.addEventListener("submit", function () { localStorage.removeItem(QUEUE); });
  });
  show();
  send();

  // "Simpan untuk dibaca offline": the module page and its lessons with their images, fetched
  // without cookies (nothing personal in them, so they stay after logout), with their size.
  var kept = window.caches && caches.open(SAVED);
  function record(slug) { return "/__tersimpan/" + slug; }
  each("button[data-save-module]", function (button) {
    if (!worker) return;
    var status = doc.getElementById(button.getAttribute("aria-describedby"));
    var slug = button.getAttribute("data-save-module");
    button.hidden = false;
    kept.then(function (cache) { return cache.match(record(slug)); }).then(function (hit) {
      return hit && hit.json().then(function (info) { status.textContent = saved(info); });
    });
    function saved(info) { return status.getAttribute("data-saved").replace("{size}", size(info.size)); }
    button.addEventListener("click", function () {
      var urls = [location.pathname], total = 0;
      each(".outline a", function (a) { urls.push(a.pathname); });
      status.textContent = status.getAttribute("data-saving");
      kept.then(function (cache) {
        function put(url) {
          return fetch(url, { credentials: "omit" }).then(function (response) {
            if (!response.ok) throw new Error(url);
            return response.blob().then(function (blob) {
              total += blob.size;
              var type = response.headers.get("Content-Type") || "";
              var images = type.indexOf("text/html") === 0 ? blob.text() : Promise.resolve("");
              return cache.put(url, new Response(blob, { headers: { "Content-Type": type } })).then(function () { return images; });
            });
          });
        }
        return Promise.all(urls.map(put)).then(function (pages) {
          var images = {};
          pages.join("").replace(/<img src="(\/modul\/[^"]+\/media\/[^"]+)"/g, function (m, src) { images[src] = 1; });
          images = Object.keys(images);
          return Promise.all(images.map(put)).then(function () {
            var info = { slug: slug, title: button.getAttribute("data-title"), size: total, urls: urls.concat(images) };
            return cache.put(record(slug), new Response(JSON.stringify(info), { headers: { "Content-Type": "application/json" } }))
              .then(function () { status.textContent = saved(info); });
          });
        });
      }).catch(function () { status.textContent = status.getAttribute("data-failed"); });
    });
  });

  // The list of saved modules (/tersimpan), each with its size and a button to remove it.
  each("[data-saved-list]", function (list) {
    if (!kept) return;
    var empty = doc.getElementById(list.getAttribute("data-empty"));
    kept.then(function (cache) {
      return cache.keys().then(function (keys) {
        var records = keys.filter(function (r) { return new URL(r.url).pathname.indexOf("/__tersimpan/") === 0; });
        return Promise.all(records.map(function (r) { return cache.match(r).then(function (x) { return x.json(); }); }));
      }).then(function (infos) {
        list.textContent = "";
        empty.hidden = infos.length > 0;
        infos.forEach(function (info) {
          var item = el("li"), link = el("a", info.title), remove = el("button", list.getAttribute("data-remove"), "button secondary");
          link.href = info.urls[0];
          remove.type = "button";
          item.appendChild(link);
          item.appendChild(el("span", " · " + size(info.size) + " ", "meta"));
          item.appendChild(remove);
          remove.addEventListener("click", function () {
            Promise.all(info.urls.concat(record(info.slug)).map(function (u) { return cache.delete(u); })).then(function () {
              item.remove();
              empty.hidden = list.children.length > 0;
            });
          });
          list.appendChild(item);
        });
      });
    });
  });

  // "Dengarkan": the browser's own speech, only where the device has a voice for the lesson's language.
  each("button[data-listen]", function (button) {
    var speech = window.speechSynthesis, article = doc.querySelector("article.lesson");
    if (!speech || !window.SpeechSynthesisUtterance || !article) return;
    var language = (article.lang || lang).slice(0, 2), label = button.textContent;
    function voice() {
      return speech.getVoices().filter(function (v) { return (v.lang || "").replace("_", "-").slice(0, 2) === language; })[0];
    }
    function offer() { if (voice()) button.hidden = false; }
    window.addEventListener("pagehide", function () { speech.cancel(); });
    offer();
    if (speech.addEventListener) speech.addEventListener("voiceschanged", offer);
    function state(text, pressed) { button.textContent = text; button.setAttribute("aria-pressed", pressed); }
    button.addEventListener("click", function () {
      if (speech.speaking && !speech.paused) { speech.pause(); state(button.getAttribute("data-resume"), "true"); return; }
      if (speech.paused) { speech.resume(); state(button.getAttribute("data-pause"), "false"); return; }
      var parts = article.querySelectorAll("h1, .objectives, .prose");  // not the "Pelajaran 1 dari 3" line
      var utterance = new SpeechSynthesisUtterance(Array.prototype.map.call(parts, function (p) { return p.innerText; }).join("\n"));
      utterance.lang = language;
      try { utterance.voice = voice(); } catch (e) { /* a voice the engine does not know: its default */ }
      utterance.onend = function () { state(label, "false"); };
      speech.cancel();
      speech.speak(utterance);
      state(button.getAttribute("data-pause"), "false");
    });
  });
})();
