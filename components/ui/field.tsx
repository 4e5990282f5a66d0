"use client";
import { useState, type ChangeEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 placeholder:text-slate-400 focus:border-sky-500 sm:text-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

export function Field({ label, hint, error, children, htmlFor }: { label: string; hint?: ReactNode; error?: string; children: ReactNode; htmlFor: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children}
      {hint && !error && <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The length of a field with a limit, shown once it is near (from 80 %): "180 / 200", and past it "212 / 200 — 12
 * too many". The limit is not a `maxlength` attribute: a browser cuts pasted text there silently, and a responder's
 * log line loses its end without a word. Validation refuses the excess with the same limit, in plain words.
 */
function useLimit<E extends HTMLInputElement | HTMLTextAreaElement>(props: { maxLength?: number; value?: unknown; defaultValue?: unknown; onChange?: (e: ChangeEvent<E>) => void; id?: string }) {
  const { maxLength } = props;
  // A controlled field's length is its value's; an uncontrolled one's is counted as it is typed.
  const given = String(props.value ?? props.defaultValue ?? "").length;
  const [typed, setTyped] = useState(given);
  const length = props.value !== undefined ? given : typed;
  const onChange = (e: ChangeEvent<E>) => {
    setTyped(e.target.value.length);
    props.onChange?.(e);
  };
  const over = maxLength !== undefined && length > maxLength;
  const counter =
    maxLength !== undefined && length >= maxLength * 0.8 ? (
      <p id={props.id ? `${props.id}-count` : undefined} aria-live="polite" className={`text-xs tabular-nums ${over ? "font-medium text-red-600 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}>
        {length.toLocaleString("en")} / {maxLength.toLocaleString("en")}
        {over && ` — ${(length - maxLength).toLocaleString("en")} too many`}
      </p>
    ) : null;
  return { onChange, counter };
}

export function Input({ maxLength, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  const { onChange, counter } = useLimit<HTMLInputElement>({ ...props, maxLength });
  const input = <input {...props} onChange={onChange} className={`${inputClass} ${props.className ?? ""}`} />;
  // One shape whether the counter shows or not: the field keeps its focus when the counter appears.
  return (
    <>
      {input}
      {counter}
    </>
  );
}

export function Textarea({ maxLength, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { onChange, counter } = useLimit<HTMLTextAreaElement>({ ...props, maxLength });
  const textarea = <textarea {...props} onChange={onChange} className={`${inputClass} ${props.className ?? ""}`} />;
  // One shape whether the counter shows or not: the field keeps its focus when the counter appears.
  return (
    <>
      {textarea}
      {counter}
    </>
  );
}

export function Select(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={`${inputClass} ${props.className ?? ""}`} />;
}
