export interface KafkaUser {
  readonly username: string;
  readonly password: string;
}
export declare function kafkaUsers(env?: NodeJS.ProcessEnv): Record<string, KafkaUser>;
export declare function kafkaSaslEnv(
  user: string,
  env?: NodeJS.ProcessEnv,
): { KAFKA_SASL_MECHANISM: string; KAFKA_SASL_USERNAME: string; KAFKA_SASL_PASSWORD: string };
