/* Copy buttons for the drafted paragraphs (layouts/copy.py): served by the app, no library. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    copy: {
        /* Put copy.text on the clipboard; answer the status to show ("已复制" / "Copied"). */
        toClipboard: function (clicks, copy) {
            if (!clicks) { return window.dash_clientside.no_update; }
            const byHand = function () {
                /* No Clipboard API (plain http on an intranet address is not a secure context). */
                const area = document.createElement("textarea");
                area.value = copy.text;
                area.setAttribute("readonly", "");
                area.style.position = "fixed";
                area.style.opacity = "0";
                document.body.appendChild(area);
                area.select();
                let done = false;
                try { done = document.execCommand("copy"); } catch (error) { done = false; }
                document.body.removeChild(area);
                return done ? copy.copied : copy.failed;
            };
            if (navigator.clipboard && window.isSecureContext) {
                return navigator.clipboard.writeText(copy.text).then(function () { return copy.copied; }, byHand);
            }
            return byHand();
        },
    },
});
