"use client";
import { useFormStatus } from "react-dom";
import type { ButtonHTMLAttributes } from "react";
import { buttonClass, type ButtonVariant } from "@/components/ui/button";

export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  className = "",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { pendingText?: string; variant?: ButtonVariant }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={`${buttonClass(variant)} ${className}`} {...rest}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
