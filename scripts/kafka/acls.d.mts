import type kafkajs from 'kafkajs';

export declare const LEVELS: readonly string[];
export interface AclEntry {
  readonly principal: string;
  readonly resourceName: string;
}
export declare function serviceAcls(options: {
  topicPrefixes: readonly string[];
  groupPrefixes: readonly string[];
}): AclEntry[];
export declare function levelsUpTo(clearance: string): string[];
export declare function consumerAcls(options: {
  user: string;
  topicPrefix: string;
  levels: readonly string[];
  groupPrefix?: string;
}): AclEntry[];
export declare function adminKafka(brokers: readonly string[], env?: NodeJS.ProcessEnv): kafkajs.Kafka;
export declare function addAcls(kafka: kafkajs.Kafka, acls: readonly AclEntry[]): Promise<void>;
export declare function removeAcls(kafka: kafkajs.Kafka, acls: readonly AclEntry[]): Promise<void>;
