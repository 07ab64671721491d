import vi from './i18n/vi.js';
import en from './i18n/en.js';
import errorsVi from './i18n/errors.vi.js';
import errorsEn from './i18n/errors.en.js';

// Vietnamese by default; the choice is remembered on this browser. Refusal texts have files of their own.
const DICTIONARIES = { vi: { ...vi, ...errorsVi }, en: { ...en, ...errorsEn } };
const STORAGE_KEY = 'ngk.lang';
const listeners = new Set();

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let lang = stored() === 'en' ? 'en' : 'vi';

export function currentLang() {
  return lang;
}

/** The BCP 47 locale for dates and numbers. */
export function locale() {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'vi';
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
  // No document outside a browser (the helpers' unit tests).
  if (globalThis.document) document.documentElement.lang = lang;
  listeners.forEach((listener) => listener(lang));
}

export function onLangChange(listener) {
  listeners.add(listener);
}

/** The label for `key`, with {name} placeholders filled; `fallback` (or the key) when none exists. */
export function t(key, params, fallback) {
  let text = DICTIONARIES[lang][key] ?? DICTIONARIES.vi[key] ?? fallback ?? key;
  for (const [name, value] of Object.entries(params ?? {}))
    text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/** Whether `key` has a text in the current language (or in Vietnamese, which every key has). */
export function hasText(key) {
  return key in DICTIONARIES[lang] || key in DICTIONARIES.vi;
}

/** A domain value's label (a status, a role, an action…), or the value itself when it is new. */
export function label(group, value) {
  return value === null || value === undefined ? '' : t(`${group}.${value}`, null, String(value));
}

/** The name of a unit or category in the current language; the API gives both. */
export function nameOf(ref) {
  if (!ref) return '';
  return (lang === 'en' ? ref.nameEn || ref.nameVi : ref.nameVi || ref.nameEn) ?? '';
}

if (globalThis.document) document.documentElement.lang = lang;
