"use client";
// Pick a person of the organization: type part of a handle, name or email, move
// with the arrow keys, Enter to choose (the ARIA 1.2 combobox pattern). Backed by
// GET /api/v1/users?q= through React Query, so reopening a picker is instant.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { inputClass } from "@/components/ui/field";
import type { OrgMember, PersonRef } from "@/lib/domain/people";
import { fetchJson } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";


export function usePeople(q: string, enabled = true) {
  return useQuery<OrgMember[], Error, OrgMember[], ReturnType<typeof queryKeys.users>>({
    queryKey: queryKeys.users(q),
    queryFn: ({ signal }) => fetchJson<{ items: OrgMember[] }>(`/api/v1/users${q ? `?q=${encodeURIComponent(q)}` : ""}`, { signal }).then((r) => r.items),
    enabled,
    staleTime: 60_000,
    // While typing, keep showing the last list instead of flashing "Searching…".
    placeholderData: keepPreviousData,
  });
}

/** Typing settles before the query moves: one request per pause, not per key. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return settled;
}

function matches(p: OrgMember, term: string) {
  const t = term.toLowerCase();
  return !t || p.handle.toLowerCase().includes(t) || p.name.toLowerCase().includes(t) || p.email.toLowerCase().includes(t);
}

const display = (p: PersonRef) => `${p.name} (@${p.handle})`;

export function PeoplePicker({
  id,
  value,
  onChange,
  allowViewers = false,
  exclude = [],
  placeholder = "Type a handle or name",
  invalid = false,
  describedBy,
  clearable = false,
  autoFocus = false,
}: {
  /** The input's id, for the <label htmlFor>. */
  id: string;
  value: PersonRef | null;
  onChange: (person: PersonRef | null) => void;
  /** Viewers have read-only access: they can only be exec sponsor. Elsewhere they are shown but cannot be picked. */
  allowViewers?: boolean;
  /** Handles that cannot be picked here (e.g. who already holds the role). */
  exclude?: string[];
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  /** Show a button that empties the choice (e.g. a workstream with no lead). */
  clearable?: boolean;
  autoFocus?: boolean;
}) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value ? display(value) : "");
  // Typed since the last choice: only then does the text filter the list.
  const [dirty, setDirty] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  // A choice made elsewhere (a live update, a reset) shows in the box unless someone is typing in it.
  const shownHandle = value?.handle ?? null;
  useEffect(() => {
    if (!dirty) setText(value ? display(value) : "");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the chosen person changes: not when typing starts or stops, nor for a new object naming the same person
  }, [shownHandle]);

  const term = dirty ? text.trim().replace(/^@/, "") : "";
  const q = useDebounced(term, 150);
  const people = usePeople(q, open);
  const excluded = exclude.join(" ");
  const options = useMemo(
    () =>
      // The server filters too; filtering here as well keeps the list true to the text
      // while the answer for the latest keystroke is still on its way.
      (people.data ?? []).filter((p) => matches(p, term)).map((p) => {
        const reason = excluded.split(" ").includes(p.handle) ? "already chosen" : !allowViewers && p.role === "viewer" ? "viewer: read-only, exec sponsor only" : null;
        return { person: p, disabled: reason !== null, reason };
      }),
    [people.data, term, excluded, allowViewers],
  );

  // Keep the highlight on someone who can be picked as the list changes.
  useEffect(() => {
    setActive((i) => {
      if (options[i] && !options[i].disabled) return i;
      const first = options.findIndex((o) => !o.disabled);
      return first === -1 ? 0 : first;
    });
  }, [options]);

  const choose = (p: OrgMember) => {
    onChange({ handle: p.handle, name: p.name });
    setText(display(p));
    setDirty(false);
    setOpen(false);
  };

  const move = (delta: number) => {
    if (!options.length) return;
    setActive((i) => {
      let next = i;
      // Skip options that cannot be picked; stop after one full turn.
      for (let n = 0; n < options.length; n++) {
        next = (next + delta + options.length) % options.length;
        if (!options[next]!.disabled) return next;
      }
      return i;
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      if (!open) return; // submits the form
      e.preventDefault();
      const option = options[active];
      if (option && !option.disabled) choose(option.person);
    } else if (e.key === "Escape") {
      if (!open) return; // closes the dialog, if any
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === "Tab") {
      setOpen(false);
    }
  };

  const onBlur = () => {
    setOpen(false);
    if (!dirty) return;
    // A typed handle that names exactly one person counts as choosing them.
    const typed = text.trim().replace(/^@/, "").toLowerCase();
    const exact = options.find((o) => !o.disabled && (o.person.handle === typed || o.person.email.toLowerCase() === typed));
    if (exact) choose(exact.person);
  };

  const activeId = open && options[active] ? `${listId}-${options[active].person.handle}` : undefined;
  const unresolved = dirty && text.trim() !== "" && !value;
  const showUnresolved = unresolved && !invalid && !open;

  return (
    <div className="relative">
      <div className="relative">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus={autoFocus}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-invalid={invalid || unresolved || undefined}
          aria-describedby={describedBy}
          placeholder={placeholder}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setDirty(true);
            setOpen(true);
            setActive(0);
            if (value) onChange(null);
          }}
          onFocus={(e) => e.currentTarget.select()}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
          className={`${inputClass} ${clearable && value ? "pr-9" : ""} aria-[invalid=true]:border-red-500 dark:aria-[invalid=true]:border-red-500`}
        />
        {clearable && value && (
          <button
            type="button"
            aria-label={`Clear ${value.handle}`}
            onClick={() => {
              onChange(null);
              setText("");
              setDirty(false);
              inputRef.current?.focus();
            }}
            className="absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-slate-500 hover:text-slate-900 dark:hover:text-slate-100"
          >
            ✕
          </button>
        )}
      </div>
      {showUnresolved && <p className="mt-1 text-xs text-amber-700 dark:text-amber-400">Pick someone from the list.</p>}
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="People"
          className="absolute left-0 right-0 z-30 mt-1 max-h-64 overflow-y-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {(people.isPending || (people.isFetching && options.length === 0)) && <li className="px-3 py-2 text-slate-500">Searching…</li>}
          {people.isError && <li className="px-3 py-2 text-red-600 dark:text-red-400">Could not load people. Type again to retry.</li>}
          {people.isSuccess && !people.isFetching && options.length === 0 && <li className="px-3 py-2 text-slate-500">Nobody matches “{term}”.</li>}
          {options.map(({ person: p, disabled, reason }, i) => (
            <li
              key={p.handle}
              id={`${listId}-${p.handle}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={disabled || undefined}
              // mousedown, not click: the input keeps focus, so its blur does not close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                if (!disabled) choose(p);
              }}
              onMouseMove={() => !disabled && setActive(i)}
              className={`cursor-pointer px-3 py-1.5 ${i === active && !disabled ? "bg-sky-100 dark:bg-sky-900/60" : ""} ${disabled ? "cursor-not-allowed opacity-50" : ""}`}
            >
              <div className="flex min-w-0 items-baseline gap-2">
                <span className="shrink-0 font-medium">@{p.handle}</span>
                <span className="truncate text-slate-600 dark:text-slate-400">{p.name}</span>
              </div>
              {(p.teams.length > 0 || reason) && (
                <div className="mt-0.5 flex flex-wrap gap-1 text-xs">
                  {p.teams.map((t) => (
                    <span key={t} className="rounded bg-slate-100 px-1.5 text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                      {t}
                    </span>
                  ))}
                  {reason && <span className="text-slate-500 italic">{reason}</span>}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
