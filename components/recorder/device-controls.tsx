"use client";
// Before recording: camera and microphone pickers, the front/back switch on phones and, when the
// link allows it, screen recording with the camera in a corner.
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Devices, Facing } from "./use-camera";

type Props = {
  devices: Devices;
  cameraId?: string;
  micId?: string;
  facing: Facing;
  allowScreen: boolean;
  screen: boolean;
  onCamera: (id: string) => void;
  onMic: (id: string) => void;
  onFlip: () => void;
  onScreen: (on: boolean) => void;
};

const select = "mt-1 block w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";

export function DeviceControls(p: Props) {
  const id = useId();
  const [touch, setTouch] = useState(false);
  const [canShare, setCanShare] = useState(false);
  useEffect(() => {
    setTouch(window.matchMedia("(pointer: coarse)").matches);
    setCanShare(typeof navigator.mediaDevices?.getDisplayMedia === "function" && !window.matchMedia("(pointer: coarse)").matches);
  }, []);
  const name = (d: MediaDeviceInfo, i: number, kind: string) => d.label || `${kind} ${i + 1}`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="min-w-0">
        <label className="block text-sm font-medium" htmlFor={`${id}-cam`}>
          Camera
        </label>
        <select id={`${id}-cam`} className={select} value={p.cameraId ?? ""} onChange={(e) => p.onCamera(e.target.value)}>
          {p.devices.cameras.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {name(d, i, "Camera")}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0">
        <label className="block text-sm font-medium" htmlFor={`${id}-mic`}>
          Microphone
        </label>
        <select id={`${id}-mic`} className={select} value={p.micId ?? ""} onChange={(e) => p.onMic(e.target.value)}>
          {p.devices.mics.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {name(d, i, "Microphone")}
            </option>
          ))}
        </select>
      </div>
      {touch ? (
        <Button variant="secondary" onClick={p.onFlip} aria-label={p.facing === "user" ? "Switch to the back camera" : "Switch to the front camera"}>
          {p.facing === "user" ? "Use back camera" : "Use front camera"}
        </Button>
      ) : null}
      {p.allowScreen && canShare ? (
        <label className="flex items-start gap-2 text-sm sm:col-span-2">
          <input type="checkbox" className="mt-1 h-4 w-4" checked={p.screen} onChange={(e) => p.onScreen(e.target.checked)} />
          <span>Record my screen too, with my camera in a corner (your browser asks which screen or window to share)</span>
        </label>
      ) : null}
    </div>
  );
}
