// django-modeltranslation labels its language tabs and its main language switch with the
// language code ("en", "zh-hans"); it offers no setting for the label. Each is renamed here to
// the language's own name, as the admin's language switch in the header shows it (Django's
// name_local from LANGUAGES: English, 简体中文). The tabs are built by modeltranslation's jQuery
// ready handler, and again for each inline row added later: a MutationObserver relabels each
// tab as it appears, whatever the order in which the scripts run. No inline script.
"use strict";
(function () {
  function languageNames() {
    const names = {};
    document.querySelectorAll("#admin-language option").forEach(function (option) {
      names[option.value] = option.textContent.trim();
    });
    return names;
  }

  function relabel(names) {
    let changed = false;
    document
      .querySelectorAll('.ui-tabs-nav a[href^="#tab_"], .modeltranslation-switch option')
      .forEach(function (element) {
        const code = element.dataset.language || element.textContent.trim().toLowerCase();
        if (names[code] && element.textContent !== names[code]) {
          element.dataset.language = code;
          element.lang = code;
          element.textContent = names[code];
          changed = true;
        }
      });
    if (changed) {
      showActiveLanguage();
    }
  }

  // modeltranslation opens the tabs of the admin's language but leaves its main switch on the
  // first language until a tab is clicked: show the language the tabs show.
  function showActiveLanguage() {
    const select = document.querySelector(".modeltranslation-switch");
    const active = document.querySelector(".ui-tabs-nav .ui-tabs-active");
    if (select && active) {
      select.selectedIndex = Array.prototype.indexOf.call(active.parentElement.children, active);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    const names = languageNames();
    if (!Object.keys(names).length) {
      return;
    }
    relabel(names);
    new MutationObserver(function () {
      relabel(names);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
