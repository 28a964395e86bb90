// The one button look for admin and visitor pages: a variant says what the button does (colour is
// never hard-coded at the call site), a size fits the page (visitor pages use `lg`, a large touch
// target on a phone; `sm` sits inside a list row).
import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost" | "dangerGhost";
export type ButtonSize = "sm" | "md" | "lg";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-blue-700 text-white hover:bg-blue-800",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100",
  danger: "border border-red-300 bg-white text-red-800 hover:bg-red-50",
  ghost: "text-blue-800 underline hover:text-blue-900",
  dangerGhost: "text-red-800 underline hover:text-red-900",
};

const sizes: Record<ButtonSize, string> = {
  sm: "rounded-md px-3 py-1 text-sm",
  md: "min-h-10 rounded-md px-4 py-2 text-sm",
  lg: "min-h-12 rounded-lg px-4 py-3 text-base",
};

export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md") {
  return `inline-flex items-center justify-center font-semibold disabled:opacity-60 ${sizes[size]} ${variants[variant]}`;
}

type Look = { variant?: ButtonVariant; size?: ButtonSize };

export function Button({ variant = "primary", size = "md", className = "", type = "button", ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & Look) {
  return <button type={type} className={`${buttonClass(variant, size)} ${className}`} {...rest} />;
}

export function ButtonLink({ variant = "primary", size = "md", className = "", ...rest }: ComponentProps<typeof Link> & Look) {
  return <Link className={`${buttonClass(variant, size)} ${className}`} {...rest} />;
}
