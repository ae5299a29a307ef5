import { consentName, powInputs } from './model.js';

/**
 * `/forms/embed.js`: optional progressive enhancement of an embedded or hosted form. It
 * answers in place (JSON over CORS) instead of leaving the page, shows each field's error
 * beside it, and solves the proof of work when the form asks for one (SHA-256 through
 * WebCrypto, which browsers offer on https and localhost only). Without it the form still
 * posts as plain HTML.
 */
export const embedScript = `(() => {
  const zeroBits = (bytes) => { let n = 0; for (const b of bytes) { if (b === 0) { n += 8; continue; } return n + Math.clz32(b) - 24; } return n; };
  async function solve(challenge, bits) {
    const enc = new TextEncoder();
    for (let nonce = 0; ; nonce++) {
      const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(challenge + ':' + nonce)));
      if (zeroBits(hash) >= bits) return String(nonce);
    }
  }
  function valuesOf(form) {
    const out = {};
    for (const [name, value] of new FormData(form)) {
      if (name in out) out[name] = [].concat(out[name], value); else out[name] = value;
    }
    for (const box of form.querySelectorAll('input[type=checkbox]:not([name=${JSON.stringify(consentName)}])'))
      if (box.value !== 'true' && !(box.name in out)) out[box.name] = [];
    return out;
  }
  function showErrors(form, errors) {
    for (const old of form.querySelectorAll('.crm-error')) old.remove();
    for (const error of errors) {
      const input = form.querySelector('[name="' + CSS.escape(error.field) + '"]');
      const note = document.createElement('div');
      note.className = 'crm-error error';
      note.setAttribute('data-error-for', error.field);
      note.textContent = (input ? '' : (error.field ? error.field + ': ' : '')) + error.message;
      (input ? input.closest('div') || form : form).appendChild(note);
    }
  }
  async function submit(form, event) {
    event.preventDefault();
    const id = form.getAttribute('data-crm-form');
    const base = form.getAttribute('data-base') || '';
    const bits = Number(form.getAttribute('data-pow') || 0);
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      const values = valuesOf(form);
      if (bits > 0) {
        const { challenge } = await (await fetch(base + '/forms/' + id + '/challenge')).json();
        values[${JSON.stringify(powInputs.challenge)}] = challenge;
        values[${JSON.stringify(powInputs.nonce)}] = await solve(challenge, bits);
      }
      const res = await fetch(base + '/forms/' + id, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(values),
      });
      const answer = await res.json();
      if (res.ok && answer.redirectUrl) { location.href = answer.redirectUrl; return; }
      if (res.ok) {
        const done = document.createElement('p');
        done.setAttribute('data-testid', 'thank-you');
        done.textContent = answer.message;
        form.replaceWith(done);
        return;
      }
      showErrors(form, answer.errors || [{ field: '', message: answer.error || 'The form could not be sent.' }]);
    } catch (error) {
      showErrors(form, [{ field: '', message: 'The form could not be sent: ' + error.message }]);
    } finally {
      if (button) button.disabled = false;
    }
  }
  function enhance() {
    for (const form of document.querySelectorAll('form[data-crm-form]')) {
      if (form.dataset.crmEnhanced) continue;
      form.dataset.crmEnhanced = '1';
      form.addEventListener('submit', (event) => void submit(form, event));
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', enhance); else enhance();
})();
`;
