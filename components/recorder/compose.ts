"use client";
// Screen recording with the camera as a small picture-in-picture: both drawn onto one canvas
// whose captureStream is recorded with the microphone. MediaRecorder records one video track,
// so the composition has to happen here. A timer (not requestAnimationFrame) draws the frames:
// the visitor is usually in another window while sharing the screen, and rAF stops there.
export type Composition = { stream: MediaStream; stop: () => void };

function videoOf(stream: MediaStream): HTMLVideoElement {
  const v = document.createElement("video");
  v.muted = true;
  v.playsInline = true;
  v.srcObject = stream;
  void v.play().catch(() => undefined);
  return v;
}

/** `onEnded`: the visitor stopped sharing from the browser's own bar (the take then ends). */
export async function composeScreen(camera: MediaStream, onEnded: () => void): Promise<Composition> {
  const screen = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 30 }, audio: false });
  const screenVideo = videoOf(screen);
  const cameraVideo = videoOf(new MediaStream(camera.getVideoTracks()));
  const settings = screen.getVideoTracks()[0]?.getSettings() ?? {};
  const canvas = document.createElement("canvas");
  canvas.width = settings.width ?? 1280;
  canvas.height = settings.height ?? 720;
  const ctx = canvas.getContext("2d")!;
  const timer = window.setInterval(() => {
    ctx.drawImage(screenVideo, 0, 0, canvas.width, canvas.height);
    const w = Math.round(canvas.width / 5);
    const h = cameraVideo.videoWidth ? Math.round((w * cameraVideo.videoHeight) / cameraVideo.videoWidth) : Math.round((w * 3) / 4);
    const pad = Math.round(canvas.width / 60);
    ctx.drawImage(cameraVideo, canvas.width - w - pad, canvas.height - h - pad, w, h);
  }, 1000 / 30);
  const out = canvas.captureStream(30);
  camera.getAudioTracks().forEach((t) => out.addTrack(t));
  const stop = () => {
    window.clearInterval(timer);
    screen.getTracks().forEach((t) => t.stop());
    out.getVideoTracks().forEach((t) => t.stop());
  };
  screen.getVideoTracks()[0]?.addEventListener("ended", onEnded);
  return { stream: out, stop };
}
