/*
 * The article change form: who else has it open (a soft warning, refreshed
 * every few seconds from the server), and a question before leaving with
 * unsaved edits. No inline script: everything is read from data attributes.
 */
(function () {
  "use strict";

  var form = document.getElementById("article_form");
  if (!form) {
    return;
  }

  // --- Unsaved changes ------------------------------------------------------
  var dirty = false;
  var leaving = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function (event) {
    // "Pratinjau perubahan" opens a new tab: this page stays, edits unsaved.
    var submitter = event.submitter;
    if (submitter && submitter.getAttribute("formtarget") === "_blank") {
      return;
    }
    leaving = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // --- Presence -------------------------------------------------------------
  var box = document.getElementById("editorial-presence");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-url");
  var seconds = parseInt(box.getAttribute("data-interval"), 10) || 20;
  var version = box.getAttribute("data-version");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");

  function show(lines, changed) {
    while (box.firstChild) {
      box.removeChild(box.firstChild);
    }
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.className = "editorial-presence-line";
      p.textContent = line;
      box.appendChild(p);
    });
    if (changed) {
      var note = document.createElement("p");
      note.className = "editorial-presence-line editorial-presence-changed";
      note.textContent = box.getAttribute("data-changed-text");
      box.appendChild(note);
    }
  }

  function ping(leave) {
    var body = new URLSearchParams();
    if (leave) {
      body.append("leave", "1");
    }
    var request = fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: !!leave,
      headers: { "X-CSRFToken": tokenInput ? tokenInput.value : "" }
    });
    if (leave) {
      return;
    }
    request.then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data) {
        show(data.others || [], data.version !== undefined && String(data.version) !== version);
      }
    }).catch(function () { /* offline for a moment: try again next time */ });
  }

  ping(false);
  window.setInterval(function () { ping(false); }, seconds * 1000);
  window.addEventListener("pagehide", function () { ping(true); });
}());

/* Copy buttons beside read-only fields (the shareable preview link). */
(function () {
  "use strict";
  document.querySelectorAll("button.editorial-copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy-target"));
      if (!field) {
        return;
      }
      var done = function () {
        button.textContent = button.getAttribute("data-copied-text") || button.textContent;
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          field.select();
        });
      } else {
        field.select();
        if (document.execCommand("copy")) {
          done();
        }
      }
    });
  });
}());
