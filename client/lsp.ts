// Typed requests of common/protocol.ts sent through vscode-languageclient (which bundles its own copy
// of the protocol types: the message types go over by method name, the types stay checked here).
import type * as vscode from "vscode";
import type { NotificationType, ProtocolRequestType, RequestType } from "vscode-languageserver-protocol";
import type { LanguageClient } from "vscode-languageclient/node";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a request's partial-result, error and registration types vary; send() reads only P and R
type AnyRequest<P, R> = RequestType<P, R, unknown> | ProtocolRequestType<P, R, any, any, any>;

export function send<P, R>(client: LanguageClient, type: AnyRequest<P, R>, params: P, token?: vscode.CancellationToken): Promise<R> {
  // An undefined token would go over as a second parameter: pass it only when there is one.
  return token ? client.sendRequest(type.method, params, token) : client.sendRequest(type.method, params);
}

export function notify<P>(client: LanguageClient, type: NotificationType<P>, params: P): Promise<void> {
  return client.sendNotification(type.method, params);
}
