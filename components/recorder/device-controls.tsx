"use client";
// Before recording: camera and microphone pickers, the front/back switch on phones and, when the
// link allows it, screen recording with the camera in a corner.
import { useTranslations } from "next-intl";
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
  const t = useTranslations("recorder");
  const name = (d: MediaDeviceInfo, i: number, kind: "cameraN" | "microphoneN") => d.label || t(kind, { n: i + 1 });
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="min-w-0">
        <label className="block text-sm font-medium" htmlFor={`${id}-cam`}>
          {t("camera")}
        </label>
        <select id={`${id}-cam`} className={select} value={p.cameraId ?? ""} onChange={(e) => p.onCamera(e.target.value)}>
          {p.devices.cameras.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {name(d, i, "cameraN")}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0">
        <label className="block text-sm font-medium" htmlFor={`${id}-mic`}>
          {t("microphone")}
        </label>
        <select id={`${id}-mic`} className={select} value={p.micId ?? ""} onChange={(e) => p.onMic(e.target.value)}>
          {p.devices.mics.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {name(d, i, "microphoneN")}
            </option>
          ))}
        </select>
      </div>
      {touch ? (
        <Button variant="secondary" onClick={p.onFlip} aria-label={p.facing === "user" ? t("toBack") : t("toFront")}>
          {p.facing === "user" ? t("useBack") : t("useFront")}
        </Button>
      ) : null}
      {p.allowScreen && canShare ? (
        <label className="flex items-start gap-2 text-sm sm:col-span-2">
          <input type="checkbox" className="mt-1 h-4 w-4" checked={p.screen} onChange={(e) => p.onScreen(e.target.checked)} />
          <span>{t("screenToo")}</span>
        </label>
      ) : null}
    </div>
  );
}
