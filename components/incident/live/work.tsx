"use client";
// Placeholder until the workstreams and board panels land (this session).
export function WorkstreamsPanel() {
  return null;
}
export function BoardPanel() {
  return null;
}
