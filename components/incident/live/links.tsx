"use client";
// Placeholder until the links panel lands (this session).
export function LinksPanel() {
  return null;
}
