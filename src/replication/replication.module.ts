import { Global, Module } from '@nestjs/common';
import { ReadReplicasService } from './read-replicas.service.js';

@Global()
@Module({
  providers: [ReadReplicasService],
  exports: [ReadReplicasService],
})
export class ReplicationModule {}
