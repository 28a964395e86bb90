/* TwentyThree upload portal: optional helper for embedded intake pages (issue #18). No framework.
 * Listens only to messages from this portal's origin that come from one of the page's
 * <iframe data-intake> frames; sizes that frame and re-dispatches the event on it as a
 * CustomEvent (bubbling), e.g. frame.addEventListener("upload:done", e => e.detail.photoId). */
(function () {
  var script = document.currentScript;
  if (!script || window.__twentythreeIntake) return;
  window.__twentythreeIntake = true;
  var portal = new URL(script.src).origin;
  var TYPES = ["intake:ready", "intake:resize", "upload:started", "upload:progress", "upload:done", "upload:failed"];
  window.addEventListener("message", function (ev) {
    var data = ev.data;
    if (ev.origin !== portal || !data || data.source !== "twentythree-intake" || TYPES.indexOf(data.type) < 0) return;
    var frames = document.querySelectorAll("iframe[data-intake]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== ev.source) continue;
      if (data.type === "intake:resize" && typeof data.height === "number" && data.height > 0) {
        frame.style.height = Math.min(Math.round(data.height), 20000) + "px";
      }
      frame.dispatchEvent(new CustomEvent(data.type, { bubbles: true, detail: data }));
    }
  });
})();
