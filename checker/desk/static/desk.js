// The desk's drop zone: files dropped or chosen go into the form's file input, and
// the limits are checked before anything is sent (the server checks them again).
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form) { return; }
  var input = document.getElementById("filer");
  var drop = document.getElementById("drop");
  var chosen = document.getElementById("chosen");
  var problem = document.getElementById("problem");
  var send = document.getElementById("send");
  var maxFiles = Number(form.getAttribute("data-max-files"));
  var maxFile = Number(form.getAttribute("data-max-file"));
  var maxRequest = Number(form.getAttribute("data-max-request"));
  var accept = form.getAttribute("data-accept").split(",");
  var MiB = 1024 * 1024;

  function size(n) {
    return n >= MiB ? (n / MiB).toFixed(1).replace(".", ",") + " MiB"
      : Math.max(1, Math.round(n / 1024)) + " kB";
  }
  function say(text) {
    problem.textContent = text;
    problem.hidden = !text;
  }
  function check(files) {
    if (!files.length) { return "Välj eller släpp minst en fil."; }
    if (files.length > maxFiles) {
      return "Högst " + maxFiles + " filer går att granska åt gången; du valde " +
        files.length + ".";
    }
    var total = 0;
    for (var i = 0; i < files.length; i += 1) {
      var f = files[i];
      var name = f.name.toLowerCase();
      if (!accept.some(function (s) { return name.slice(-s.length) === s; })) {
        return "Filen " + f.name + " har en filtyp som inte granskas (bara " +
          accept.join(", ") + ").";
      }
      if (f.size > maxFile) {
        return "Filen " + f.name + " är " + size(f.size) + ", större än gränsen " +
          size(maxFile) + " per fil.";
      }
      total += f.size;
    }
    if (total > maxRequest) {
      return "Filerna är " + size(total) + " sammanlagt, mer än gränsen " + size(maxRequest) + ".";
    }
    return "";
  }
  function show() {
    chosen.textContent = "";
    Array.prototype.forEach.call(input.files, function (f) {
      var li = document.createElement("li");
      li.textContent = f.name + " (" + size(f.size) + ")";
      chosen.appendChild(li);
    });
    say(input.files.length ? check(input.files) : "");
  }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (ev) {
      ev.preventDefault();
      drop.classList.add("over");
    });
  });
  ["dragleave", "dragend"].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (ev) {
    ev.preventDefault();
    drop.classList.remove("over");
    if (ev.dataTransfer && ev.dataTransfer.files.length) {
      input.files = ev.dataTransfer.files;
      show();
    }
  });
  form.addEventListener("submit", function (ev) {
    var why = check(input.files);
    if (why) {
      ev.preventDefault();
      say(why);
      return;
    }
    send.disabled = true;
    send.textContent = "Granskar …";
  });
  window.addEventListener("pageshow", function () {  // back from the findings page
    send.disabled = false;
    send.textContent = "Granska";
  });
})();
