import Link from "next/link";
import type { ComponentProps } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-blue-700 text-white hover:bg-blue-800",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100",
  danger: "border border-red-300 bg-white text-red-800 hover:bg-red-50",
  ghost: "text-blue-800 underline hover:text-blue-900",
};

export function buttonClass(variant: ButtonVariant = "primary") {
  return `inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 ${variants[variant]}`;
}

export function ButtonLink({ variant = "primary", className = "", ...rest }: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={`${buttonClass(variant)} ${className}`} {...rest} />;
}
