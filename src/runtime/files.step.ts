/**
 * The file store's start-up step: content-addressed blobs in the data dir, access checked against
 * the engine's view of each conversation, uploads spending the shared `upload` rate-limit bucket.
 */
import type { AnyElysia } from "elysia";
import type { AuthModule } from "../auth/auth.module";
import type { ConfigStore } from "../config/store";
import type { Clock } from "../core/clock";
import type { Engine } from "../core/engine";
import { conversationFileView } from "../files/conversation.adapter";
import { openFileService } from "../files/file-service.factory";
import type { FileService } from "../files/file.service";
import type { OpenDatabase } from "../storage/db";
import { filesRoutes, staffOrVisitor } from "../transport/http/files.routes";

/** The running file service and its routes. */
export interface FilesStep {
  readonly files: FileService;
  readonly routes: AnyElysia[];
}

/** Opens the file store (sweeping temp files a crash left) and builds its routes. */
export async function startFiles(deps: { store: ConfigStore; database: OpenDatabase; clock: Clock; engine: Engine; auth: AuthModule }): Promise<FilesStep> {
  const files = await openFileService({
    db: deps.database.db,
    dataDir: deps.store.current().storage.dataDir,
    config: () => deps.store.current(),
    clock: deps.clock,
    findConversation: (id) => {
      const c = deps.engine.conversationDetails(id);
      return c ? conversationFileView(c) : null;
    },
    uploadLimiter: deps.auth.limiters.upload,
  });
  return { files, routes: [filesRoutes({ files, resolvePrincipal: staffOrVisitor(deps.auth) })] };
}
