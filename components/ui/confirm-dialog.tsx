"use client";

import { useCallback, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "./button";

/**
 * The one confirmation every destructive action asks: a modal dialog with the question, "Go back"
 * and "Confirm" (Escape goes back). `guard` is a form's onSubmit: it holds the submit, asks, and
 * submits again once confirmed, so the form's action and pending state run as usual.
 */
export function useConfirm() {
  const ref = useRef<HTMLDialogElement>(null);
  const answer = useRef<((ok: boolean) => void) | null>(null);
  const passed = useRef(false);
  const [question, setQuestion] = useState("");
  const titleId = useId();

  const ask = useCallback((text: string) => {
    setQuestion(text);
    ref.current?.showModal();
    return new Promise<boolean>((resolve) => {
      answer.current = resolve;
    });
  }, []);
  const close = (ok: boolean) => {
    ref.current?.close();
    answer.current?.(ok);
    answer.current = null;
  };

  const guard = useCallback(
    (e: FormEvent<HTMLFormElement>, text: string | null | undefined) => {
      if (!text || passed.current) {
        passed.current = false;
        return;
      }
      e.preventDefault();
      const form = e.currentTarget;
      void ask(text).then((ok) => {
        if (!ok) return;
        passed.current = true;
        form.requestSubmit();
      });
    },
    [ask],
  );

  const dialog = (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        close(false);
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={titleId} className="text-base font-semibold text-slate-900">Please confirm</h2>
      <p className="mt-2 text-sm text-slate-700">{question}</p>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={() => close(false)}>Go back</Button>
        <Button onClick={() => close(true)} autoFocus>Confirm</Button>
      </div>
    </dialog>
  );
  return { ask, guard, dialog };
}
