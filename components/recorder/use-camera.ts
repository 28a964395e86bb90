"use client";
// The camera and microphone: asks for them only when the visitor presses the button (after the
// explanation), lists the devices once permission is given (labels are empty before), switches
// device or front/back camera by asking again, and stops every track when left.
import { useCallback, useEffect, useRef, useState } from "react";
import { classifyMediaError, type Unavailable } from "./availability";

export type Facing = "user" | "environment";
export type Devices = { cameras: MediaDeviceInfo[]; mics: MediaDeviceInfo[] };
type Choice = { cameraId?: string; micId?: string; facing: Facing };

function constraints(c: Choice): MediaStreamConstraints {
  const video: MediaTrackConstraints = c.cameraId ? { deviceId: { exact: c.cameraId } } : { facingMode: c.facing };
  // 720p is plenty for a testimonial and keeps a minute around 20-40 MB.
  return { video: { ...video, width: { ideal: 1280 }, height: { ideal: 720 } }, audio: c.micId ? { deviceId: { exact: c.micId } } : true };
}

export function useCamera() {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<Unavailable | null>(null);
  const [devices, setDevices] = useState<Devices>({ cameras: [], mics: [] });
  const [choice, setChoice] = useState<Choice>({ facing: "user" });
  const streamRef = useRef<MediaStream | null>(null);

  const stopAll = useCallback(() => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
    setStream(null);
  }, []);

  const open = useCallback(
    async (next: Choice) => {
      setChoice(next);
      try {
        const s = await navigator.mediaDevices.getUserMedia(constraints(next));
        streamRef.current?.getTracks().forEach((t) => t.stop());
        streamRef.current = s;
        setStream(s);
        setError(null);
        const all = await navigator.mediaDevices.enumerateDevices();
        setDevices({ cameras: all.filter((d) => d.kind === "videoinput"), mics: all.filter((d) => d.kind === "audioinput") });
        return true;
      } catch (err) {
        stopAll();
        setError(classifyMediaError(err));
        return false;
      }
    },
    [stopAll],
  );

  useEffect(() => stopAll, [stopAll]);

  const camera = stream?.getVideoTracks()[0];
  const mic = stream?.getAudioTracks()[0];
  return {
    stream,
    error,
    devices,
    facing: choice.facing,
    cameraId: camera?.getSettings().deviceId ?? choice.cameraId,
    micId: mic?.getSettings().deviceId ?? choice.micId,
    start: () => open(choice),
    pickCamera: (cameraId: string) => open({ ...choice, cameraId }),
    pickMic: (micId: string) => open({ ...choice, micId }),
    flip: () => open({ ...choice, cameraId: undefined, facing: choice.facing === "user" ? "environment" : "user" }),
    stop: stopAll,
  };
}
