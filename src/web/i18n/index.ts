import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import id from './id.json';
import en from './en.json';
// Feature namespaces (issue 12): each file holds one top-level key of its own, merged into the translation.
import usageId from './usage.id.json';
import usageEn from './usage.en.json';
import reportsId from './reports.id.json';
import reportsEn from './reports.en.json';
import balikanId from './balikan.id.json';
import balikanEn from './balikan.en.json';
import billingId from './billing.id.json';
import billingEn from './billing.en.json';
// Issue 13's features.
import campaignsId from './campaigns.id.json';
import campaignsEn from './campaigns.en.json';
import anomaliesId from './anomalies.id.json';
import anomaliesEn from './anomalies.en.json';
import residentId from './resident.id.json';
import residentEn from './resident.en.json';
import operationsId from './operations.id.json';
import operationsEn from './operations.en.json';
// Issue 14's namespaces, one per part of the work.
import letterheadId from './letterhead.id.json';
import letterheadEn from './letterhead.en.json';
import pksdocId from './pksdoc.id.json';
import pksdocEn from './pksdoc.en.json';
import workId from './work.id.json';
import workEn from './work.en.json';
import caseworkId from './casework.id.json';
import caseworkEn from './casework.en.json';
import plainId from './plain.id.json';
import plainEn from './plain.en.json';
import integrationId from './integration.id.json';
import integrationEn from './integration.en.json';

/** The languages the UI speaks; Indonesian is the default. */
export type Lang = 'id' | 'en';

const STORAGE_KEY = 'gerbang.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id'; // Storage may be blocked (private mode); fall back to the default.
  }
}

/** Switches the language and remembers it across reloads. */
export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but the switch still applies to this page.
  }
  void i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: {
    id: {
      translation: {
        ...id,
        ...usageId,
        ...reportsId,
        ...balikanId,
        ...billingId,
        ...campaignsId,
        ...anomaliesId,
        ...residentId,
        ...operationsId,
        ...letterheadId,
        ...pksdocId,
        ...workId,
        ...caseworkId,
        ...plainId,
        ...integrationId,
      },
    },
    en: {
      translation: {
        ...en,
        ...usageEn,
        ...reportsEn,
        ...balikanEn,
        ...billingEn,
        ...campaignsEn,
        ...anomaliesEn,
        ...residentEn,
        ...operationsEn,
        ...letterheadEn,
        ...pksdocEn,
        ...workEn,
        ...caseworkEn,
        ...plainEn,
        ...integrationEn,
      },
    },
  },
  lng: storedLang(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false }, // React escapes already.
});
document.documentElement.lang = i18n.language;

/** The current language, narrowed to the two the UI speaks. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.resolvedLanguage === 'en' ? 'en' : 'id';
}

export default i18n;
