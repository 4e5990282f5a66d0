"use client";
// Placeholder until the roles panel lands (this session).
export function CommanderControl() {
  return null;
}
export function HandoverBanner() {
  return null;
}
export function RolesPanel() {
  return null;
}
