/**
 * Files in the visitor's chat: checking a file against the server's limits before sending a byte,
 * uploading it (with progress, cancellable) and posting the message that carries it, and showing
 * attachments — which need the visitor token, so images and downloads go through blob URLs.
 */
import type { WidgetConfig } from "../../../src/transport/http/widget-config.routes";
import { bearer, errorFrom, HttpError, type ServerClient } from "../session/server.client";
import type { FileRefT } from "./chat.model";
import type { ChatActions } from "./chat.actions";
import type { ChatSession } from "./chat.session";
import { newCommandId } from "./command-id";

/** Image types shown inline as thumbnails. */
export const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** Why a file cannot be sent, checked locally: the same codes the server would answer. */
export function fileProblem(file: { readonly size: number; readonly type: string }, limits: WidgetConfig["files"]): "upload.too_large" | "upload.type_not_allowed" | null {
  if (file.size > limits.maxBytes) return "upload.too_large";
  if (file.type && !limits.allowedTypes.some((t) => t.toLowerCase() === file.type.toLowerCase())) return "upload.type_not_allowed";
  return null;
}

/** An uploaded file, as the upload answers. */
interface UploadedFile {
  readonly id: string;
}

/** Uploads `file` into a conversation with progress (0..1), cancellable through `signal`. */
export function uploadFile(server: string, token: string, conversationId: string, file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${server}/api/widget/conversations/${encodeURIComponent(conversationId)}/files`);
    xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new HttpError("network", "the upload could not reach the server", 0));
    xhr.onabort = () => reject(new HttpError("aborted", "upload cancelled", 0));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported by status */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedFile);
      else reject(errorFrom(xhr.status, body, xhr.getResponseHeader("retry-after")));
    };
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

/** Uploads in progress and downloaded attachments of one chat session. */
export class ChatFiles {
  /** A file is being dragged over the conversation (the drop zone shows). */
  dragging = false;
  /** Upload progress (0..1) by the client id of the message carrying the file. */
  readonly progress = new Map<string, number>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly urls = new Map<string, Promise<string>>();
  private readonly resolved = new Map<string, string>();

  private readonly session: ChatSession;
  private readonly server: ServerClient;

  constructor(
    private readonly actions: ChatActions,
    private readonly onChange: () => void,
  ) {
    this.session = actions.session;
    this.server = actions.session.server;
  }

  /** Sends `file` into the conversation; resolves with the local refusal code, or null once handed to the socket. */
  async attach(file: File): Promise<string | null> {
    const config = this.session.config;
    const conversationId = this.session.view.conversationId;
    const token = this.session.visitorToken;
    if (!config || !conversationId || !token) return "conversation.not_found";
    const problem = fileProblem(file, config.files);
    if (problem) return problem;
    const clientId = newCommandId();
    const controller = new AbortController();
    this.aborts.set(clientId, controller);
    this.progress.set(clientId, 0);
    this.actions.showUpload(clientId, { id: "", name: file.name, mime: file.type || "application/octet-stream", size: file.size });
    try {
      const uploaded = await uploadFile(this.server.server, token, conversationId, file, (fraction) => {
        this.progress.set(clientId, fraction);
        this.onChange();
      }, controller.signal);
      this.actions.sendFile(uploaded.id, clientId);
    } catch (error) {
      if (error instanceof HttpError && error.code === "aborted") this.actions.discard(clientId);
      else this.actions.markFailed(clientId, error instanceof HttpError ? error.code : "network");
    } finally {
      this.progress.delete(clientId);
      this.aborts.delete(clientId);
      this.onChange();
    }
    return null;
  }

  /** Shows or hides the drop zone. */
  setDragging(dragging: boolean): void {
    if (this.dragging === dragging) return;
    this.dragging = dragging;
    this.onChange();
  }

  /** Cancels an upload in progress. */
  cancel(clientId: string): void {
    this.aborts.get(clientId)?.abort();
  }

  /** A blob URL for an attachment (fetched once with the visitor token). */
  objectUrl(file: FileRefT): Promise<string> {
    let url = this.urls.get(file.id);
    if (!url) {
      const token = this.session.visitorToken ?? "";
      url = this.server.request(`/api/widget/files/${encodeURIComponent(file.id)}`, { headers: bearer(token) }).then(async (res) => {
        const blob = await res.blob();
        const href = URL.createObjectURL(blob);
        this.resolved.set(file.id, href);
        return href;
      });
      url.catch(() => this.urls.delete(file.id));
      this.urls.set(file.id, url);
    }
    return url;
  }

  /** The blob URL of an image once fetched (the panel re-renders then); undefined meanwhile. */
  imageUrl(file: FileRefT): string | undefined {
    if (!this.resolved.has(file.id)) void this.objectUrl(file).then(() => this.onChange(), () => {});
    return this.resolved.get(file.id);
  }

  /** Saves an attachment to the visitor's device under its name. */
  async download(file: FileRefT): Promise<void> {
    const href = await this.objectUrl(file);
    const a = document.createElement("a");
    a.href = href;
    a.download = file.name;
    a.rel = "noopener";
    a.click();
  }

  /** Releases every blob URL (the panel is gone). */
  dispose(): void {
    for (const url of this.urls.values()) void url.then((u) => URL.revokeObjectURL(u), () => {});
    this.urls.clear();
  }
}
