// Opens the language tab named by ?translate=<code> (links from the translation status page),
// once django-modeltranslation has built its tabs. No inline script: loaded from static files.
"use strict";
window.addEventListener("load", function () {
  const language = new URLSearchParams(window.location.search).get("translate");
  if (!language) {
    return;
  }
  const suffix = "_" + language.replace("-", "_");
  document.querySelectorAll('.ui-tabs-nav a[href^="#tab_"]').forEach(function (tab) {
    if (tab.getAttribute("href").endsWith(suffix)) {
      tab.click();
    }
  });
});
