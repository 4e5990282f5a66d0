"use client";
// The postmortem editor's live layer, over the shared socket: who is editing
// which section (presence), which sections someone else saved since this page
// read them (`postmortem.section.saved` carries the key and the new version; the
// section decides whether to fetch the text or to tell its writer), and the
// review as it happens: comments and reviewers arrive whole and go straight into
// the React Query cache. After a reconnect, comments and reviewers are fetched
// again (events sent while the socket was away are not replayed).
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { upsertComment, type CommentDto } from "@/lib/domain/postmortem/review";
import type { PersonRef } from "@/lib/domain/people";
import { queryKeys } from "@/lib/query/keys";
import { listen, onEveryConnect, socket } from "@/lib/realtime/client";
import {
  commentSavedEventSchema,
  postmortemPresenceSchema,
  reviewersChangedEventSchema,
  sectionSavedEventSchema,
  type PostmortemEditor,
} from "@/lib/realtime/events";

export interface RemoteSave {
  version: number;
  by: { handle: string; name: string };
}

/**
 * `postmortemId` names the room; an incident's postmortem joins by its `ref`
 * (as the incident's room does), a near miss or positive retro by its id.
 */
export function usePostmortemLive(postmortemId: string, ref: string | null) {
  const queryClient = useQueryClient();
  const [editors, setEditors] = useState<PostmortemEditor[]>([]);
  const [saves, setSaves] = useState<Record<string, RemoteSave>>({});
  // The section this tab is editing, re-announced after a reconnect.
  const current = useRef<string | null>(null);
  const target = useMemo(() => (ref ? { ref } : { id: postmortemId }), [ref, postmortemId]);

  useEffect(() => {
    const s = socket();
    const mine = (payload: { postmortemId: string }) => payload.postmortemId === postmortemId;
    let joinedBefore = false;
    const join = () => {
      s.emit("postmortem:join", target, (ack: { ok: boolean; editors?: PostmortemEditor[] }) => {
        if (!ack?.ok) return;
        setEditors(ack.editors ?? []);
        if (current.current) s.emit("postmortem:editing", { ...target, section: current.current });
        // A rejoin after a disconnect: what happened meanwhile was not sent to this socket.
        if (joinedBefore) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.postmortemComments(postmortemId) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.postmortemReviewers(postmortemId) });
        }
        joinedBefore = true;
      });
    };
    const onPresence = (payload: unknown) => {
      const parsed = postmortemPresenceSchema.safeParse(payload);
      if (parsed.success && mine(parsed.data)) setEditors(parsed.data.editors);
    };
    const onSaved = (payload: unknown) => {
      const parsed = sectionSavedEventSchema.safeParse(payload);
      if (!parsed.success || !mine(parsed.data)) return;
      const { key, version, by } = parsed.data;
      setSaves((prev) => (prev[key] && prev[key].version >= version ? prev : { ...prev, [key]: { version, by } }));
    };
    const onComment = (payload: unknown) => {
      const parsed = commentSavedEventSchema.safeParse(payload);
      if (!parsed.success || !mine(parsed.data)) return;
      queryClient.setQueryData<CommentDto[]>(queryKeys.postmortemComments(postmortemId), (prev) => upsertComment(prev, parsed.data.comment));
    };
    const onReviewers = (payload: unknown) => {
      const parsed = reviewersChangedEventSchema.safeParse(payload);
      if (!parsed.success || !mine(parsed.data)) return;
      queryClient.setQueryData<PersonRef[]>(queryKeys.postmortemReviewers(postmortemId), parsed.data.reviewers);
    };
    const stopListening = listen(s, {
      "postmortem.presence.changed": onPresence,
      "postmortem.section.saved": onSaved,
      "postmortem.comment.saved": onComment,
      "postmortem.reviewers.changed": onReviewers,
    });
    const stopJoining = onEveryConnect(s, join);
    return () => {
      s.emit("postmortem:leave", target);
      stopJoining();
      stopListening();
    };
  }, [postmortemId, queryClient, target]);

  /** Announce the section this tab is editing (null when the writer leaves it). */
  const setEditing = useCallback(
    (section: string | null) => {
      if (current.current === section) return;
      current.current = section;
      const s = socket();
      if (s.connected) s.emit("postmortem:editing", { ...(ref ? { ref } : { id: postmortemId }), section });
    },
    [postmortemId, ref],
  );

  return { editors, saves, setEditing };
}
