// Opens the language tab named by ?translate=<code> (links from the translation status page)
// once django-modeltranslation has built its tabs (it does so in a jQuery ready handler, which
// may run after the page's load event: so wait for them, for five seconds at most).
// No inline script: loaded from static files.
"use strict";
(function () {
  const language = new URLSearchParams(window.location.search).get("translate");
  if (!language) {
    return;
  }
  const suffix = "_" + language.replace("-", "_");
  let attempts = 100;
  function openTabs() {
    const tabs = document.querySelectorAll('.ui-tabs-nav a[href^="#tab_"]');
    if (!tabs.length && attempts-- > 0) {
      window.setTimeout(openTabs, 50);
      return;
    }
    tabs.forEach(function (tab) {
      if (tab.getAttribute("href").endsWith(suffix)) {
        tab.click();
      }
    });
  }
  document.addEventListener("DOMContentLoaded", openTabs);
})();
