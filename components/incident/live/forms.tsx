"use client";
// Placeholder until the update, note and decision forms land (this session).
export function ActionBar() {
  return null;
}
export function DecisionsPanel() {
  return null;
}
