"use client";
// The microphone level, so the visitor sees they are heard before recording: an AudioContext
// analyser on the microphone track, read a few times a second into a native <meter>.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

export function LevelMeter({ stream }: { stream: MediaStream | null }) {
  const t = useTranslations("recorder");
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!stream || !stream.getAudioTracks().length || typeof AudioContext === "undefined") return;
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser); // not to ctx.destination: the visitor must not hear themselves
    const data = new Uint8Array(analyser.fftSize);
    const timer = window.setInterval(() => {
      analyser.getByteTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v - 128) / 128);
      setLevel(Math.min(1, peak * 1.5));
    }, 100);
    return () => {
      window.clearInterval(timer);
      source.disconnect();
      void ctx.close();
    };
  }, [stream]);
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span className="shrink-0">{t("microphone")}</span>
      <meter min={0} max={1} low={0.05} high={0.9} optimum={0.5} value={level} className="h-3 w-full" data-testid="mic-level" />
    </label>
  );
}
