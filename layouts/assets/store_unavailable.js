// A callback answered 503 (the data store is unavailable): say so on the page, in the server's own words
// (both languages), instead of leaving the page silently unchanged. Shown as text, never as HTML; gone
// at the next callback that works.
(function () {
  "use strict";
  var ID = "store-unavailable";
  var original = window.fetch;
  if (!original) {
    return;
  }

  function show(text) {
    var banner = document.getElementById(ID);
    if (!banner) {
      banner = document.createElement("p");
      banner.id = ID;
      banner.className = "error store-unavailable";
      banner.setAttribute("role", "alert");
      document.body.insertBefore(banner, document.body.firstChild);
    }
    banner.textContent = text;
  }

  function hide() {
    var banner = document.getElementById(ID);
    if (banner) {
      banner.parentNode.removeChild(banner);
    }
  }

  window.fetch = function (input) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    return original.apply(this, arguments).then(function (response) {
      if (url.indexOf("/_dash-update-component") !== -1) {
        if (response.status === 503) {
          response.clone().json().then(function (body) {
            show(body && body.error ? String(body.error) : "503");
          }, function () { show("503"); });
        } else if (response.ok) {
          hide();
        }
      }
      return response;
    });
  };
})();
