import { escapeHtml } from '../platform/index.js';
import type { FormTarget, ResolvedField } from './form-fields.js';
import { inputLabel } from './form-fields.js';
import { consentName, honeypotName, powInputs, recordLinkInputs, type WebForm } from './model.js';
import type { FieldError } from './submitted-values.js';

/**
 * The public pages, rendered on the server as plain HTML that works without JavaScript:
 * the hosted form, the thank-you page, the error pages; and the embed snippet (the same
 * inputs, posting to this server from another site).
 */

const e = escapeHtml;

const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
label{display:block;font-weight:600;margin-top:1rem}input,select,textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;border:1px solid #9ca3af;border-radius:4px}
input[type=checkbox]{width:auto}.help{color:#6b7280;font-size:.875rem}.error{color:#b91c1c}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit;background:#2b59c3;color:#fff;border:0;border-radius:4px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

function choices(resolved: ResolvedField): { key: string; label: string }[] {
  const options = resolved.field.options;
  return options.choices ?? options.pipelines?.flatMap((p) => p.stages) ?? [];
}

const inputTypes: Partial<Record<string, string>> = {
  NUMBER: 'number',
  PERCENT: 'number',
  RATING: 'number',
  CURRENCY: 'number',
  DATE: 'date',
  DATETIME: 'datetime-local',
  EMAIL: 'email',
  PHONE: 'tel',
  URL: 'url',
};

function control(resolved: ResolvedField, value: string, required: boolean, id: string): string {
  const name = e(resolved.input.path);
  const req = required ? ' required' : '';
  switch (resolved.field.type) {
    case 'LONG_TEXT':
      return `<textarea id="${id}" name="${name}" rows="4"${req}>${e(value)}</textarea>`;
    case 'BOOLEAN':
      return `<input id="${id}" type="checkbox" name="${name}" value="true"${value === 'true' ? ' checked' : ''}${req}>`;
    case 'SELECT':
    case 'STAGE':
      return `<select id="${id}" name="${name}"${req}><option value=""></option>${choices(resolved)
        .map((c) => `<option value="${e(c.key)}"${c.key === value ? ' selected' : ''}>${e(c.label)}</option>`)
        .join('')}</select>`;
    case 'MULTI_SELECT':
      return choices(resolved)
        .map(
          (c) =>
            `<label style="font-weight:400"><input type="checkbox" name="${name}" value="${e(c.key)}"${value.split(',').includes(c.key) ? ' checked' : ''}> ${e(c.label)}</label>`,
        )
        .join('');
    default: {
      const type = inputTypes[resolved.field.type] ?? 'text';
      const step = type === 'number' ? ' step="any"' : '';
      return `<input id="${id}" type="${type}" name="${name}" value="${e(value)}"${step}${req}>`;
    }
  }
}

export interface Filled {
  values?: Record<string, unknown>;
  errors?: FieldError[];
  /** A follow-up form's record: its link's inputs, carried by the page, and its name, shown. */
  record?: { id: string; signature: string; label: string | null };
}

/** The inputs of a form (its visible fields, the consent, the honeypot), as HTML. */
export function formInputs(form: WebForm, target: FormTarget, filled: Filled = {}): string {
  const errors = new Map((filled.errors ?? []).map((err) => [err.field, err.message]));
  const parts: string[] = [];
  target.fields.forEach((resolved, i) => {
    if (resolved.input.hidden) return;
    const id = `crm-f${i}`;
    const raw = filled.values?.[resolved.input.path] ?? resolved.input.defaultValue ?? '';
    const value = Array.isArray(raw) ? raw.join(',') : String(raw);
    const required = resolved.input.required || (resolved.on === 'record' && resolved.field.required);
    const help = resolved.input.helpText ?? resolved.field.helpText;
    const error = errors.get(resolved.input.path);
    parts.push(
      `<div class="field"><label for="${id}">${e(inputLabel(resolved))}${required ? ' *' : ''}</label>` +
        control(resolved, value, required, id) +
        (help ? `<div class="help">${e(help)}</div>` : '') +
        (error ? `<div class="error" data-error-for="${e(resolved.input.path)}">${e(error)}</div>` : '') +
        '</div>',
    );
  });
  if (form.settings.consentText) {
    const error = errors.get(consentName);
    parts.push(
      `<div class="field"><label style="font-weight:400"><input type="checkbox" name="${consentName}" value="true" required> ${e(form.settings.consentText)}</label>` +
        (error ? `<div class="error" data-error-for="${consentName}">${e(error)}</div>` : '') +
        '</div>',
    );
  }
  // People never see nor fill this; bots that fill every input do.
  parts.push(
    `<div class="hp" aria-hidden="true"><label>Leave this empty <input type="text" name="${honeypotName}" tabindex="-1" autocomplete="off"></label></div>`,
  );
  if (form.settings.powDifficulty > 0)
    parts.push(`<input type="hidden" name="${powInputs.challenge}" value="">`);
  if (filled.record)
    parts.push(
      `<input type="hidden" name="${recordLinkInputs.record}" value="${e(filled.record.id)}">` +
        `<input type="hidden" name="${recordLinkInputs.signature}" value="${e(filled.record.signature)}">`,
    );
  return parts.join('\n');
}

/** The `<form>` element posting to `action`, with the data the optional script reads. */
export function formElement(form: WebForm, target: FormTarget, base: string, filled: Filled = {}): string {
  const general = (filled.errors ?? []).filter(
    (err) => !target.fields.some((f) => f.input.path === err.field) && err.field !== consentName,
  );
  return (
    `<form method="post" action="${e(`${base}/forms/${form.id}`)}" accept-charset="utf-8" data-crm-form="${e(form.id)}" data-pow="${form.settings.powDifficulty}" data-base="${e(base)}">\n` +
    (general.length
      ? `<ul class="error">${general.map((err) => `<li>${e(err.field ? `${err.field}: ${err.message}` : err.message)}</li>`).join('')}</ul>\n`
      : '') +
    formInputs(form, target, filled) +
    `\n<button type="submit">Send</button>\n</form>`
  );
}

export function formPage(form: WebForm, target: FormTarget, base: string, filled: Filled = {}): string {
  const script =
    form.settings.powDifficulty > 0 ? `<script src="${e(base)}/forms/embed.js" defer></script>` : '';
  const summary = filled.errors?.length
    ? `<p class="error" role="alert">Please correct ${filled.errors.length === 1 ? 'this field' : `these ${filled.errors.length} fields`}: ${filled.errors.map((err) => e(err.field || 'form')).join(', ')}.</p>`
    : '';
  const about = filled.record?.label ? `<p data-testid="form-record">${e(filled.record.label)}</p>` : '';
  return page(
    form.name,
    `<h1>${e(form.name)}</h1>${about}${summary}${formElement(form, target, base, filled)}${script}`,
  );
}

/** The snippet an admin pastes into a site: the form, and the script for in-place answers. */
export function embedSnippet(form: WebForm, target: FormTarget, base: string): string {
  return `${formElement(form, target, base)}\n<script src="${e(base)}/forms/embed.js" async></script>\n`;
}

export function thankYouPage(form: WebForm): string {
  return page(
    form.name,
    `<h1>${e(form.name)}</h1><p data-testid="thank-you">${e(form.settings.thankYouMessage)}</p>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${e(title)}</h1><p>${e(message)}</p>`);
}
