// The content form keeps its work: every 30 s, if anything changed, it is sent in the background
// to the item's autosave address under the same version rule as a save (a draft is saved, a
// published item gets a copy visitors never see). A newer version saved by someone else stops it
// and says so. Ctrl/Cmd+S saves the form. Without this script the form works as it is.
(function () {
  'use strict';
  var version = document.getElementById('edit-version');
  if (!version || !version.form) { return; }
  var form = version.form;
  var message = document.createElement('p');
  message.className = 'notice autosave-status';
  message.hidden = true;
  form.insertBefore(message, form.firstChild);

  function say(text, urgent, link) {
    // An alert interrupts; a status waits its turn.
    message.setAttribute('role', urgent ? 'alert' : 'status');
    message.textContent = text || '';
    if (link) {
      message.appendChild(document.createTextNode(' '));
      var anchor = document.createElement('a');
      anchor.href = link.href;
      anchor.textContent = link.text;
      message.appendChild(anchor);
    }
    message.hidden = !text;
  }

  if (version.dataset.copyHref) {
    say(version.dataset.copyNote, false, { href: version.dataset.copyHref, text: version.dataset.copyLink });
  }

  // Text fields only: a file chosen for upload waits for the real save.
  function fields(withVersion) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== 'string') { return; }
      if (!withVersion && (name === 'version' || name === '_csrf')) { return; }
      params.append(name, value);
    });
    return params;
  }

  var saved = fields(false).toString();
  var busy = false;
  var stopped = !version.dataset.autosave;
  var waitingSubmit = null;

  function autosave() {
    if (busy || stopped) { return; }
    var now = fields(false).toString();
    if (now === saved) { return; }
    busy = true;
    fetch(version.dataset.autosave, {
      method: 'POST', body: fields(true), credentials: 'same-origin', headers: { 'Accept': 'application/json' }
    }).then(function (response) {
      return response.json().then(function (answer) { return { status: response.status, answer: answer }; });
    }).then(function (result) {
      if (result.status === 200) {
        if (result.answer.version) { version.value = result.answer.version; }
        saved = now;
        say(result.answer.message, false);
      } else if (result.status === 409) {
        // Never written over: the editor saves and sees both texts.
        stopped = true;
        say(result.answer.message, true);
      } else {
        say(result.answer.message || version.dataset.failed, true);
      }
    }).catch(function () {
      say(version.dataset.failed, true);
    }).then(function () {
      busy = false;
      if (waitingSubmit) {
        var submitter = waitingSubmit.submitter;
        waitingSubmit = null;
        form.requestSubmit(submitter || undefined);
      }
    });
  }

  window.setInterval(autosave, 30000);

  // A save waits for an autosave in flight, so it is sent with the version that autosave made.
  form.addEventListener('submit', function (event) {
    stopped = true;
    if (busy) {
      event.preventDefault();
      waitingSubmit = { submitter: event.submitter };
    }
  });

  document.addEventListener('keydown', function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || (event.key !== 's' && event.key !== 'S')) { return; }
    event.preventDefault();
    var button = form.querySelector('button[data-save]') || form.querySelector('button[name="action"][value="draft"]');
    if (form.requestSubmit) {
      form.requestSubmit(button || undefined);
    } else if (button) {
      button.click();
    }
  });
}());
