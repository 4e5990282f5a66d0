"use client";
// Placeholder until the lifecycle controls land (this session).
export function StatusControls() {
  return null;
}
export function RecoveryPanel() {
  return null;
}
