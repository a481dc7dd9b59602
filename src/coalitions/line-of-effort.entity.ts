import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LineOfEffort } from '../common/line-of-effort.js';

/** One of a coalition's stated aims, worked on by a working group and its sub-groups. */
@Entity('line_of_effort')
export class LineOfEffortEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'coalition_id', type: 'uuid' })
  coalitionId: string;

  @Column({ type: 'text' })
  key: LineOfEffort;

  @Column({ name: 'working_group', type: 'int' })
  workingGroup: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'sub_groups', type: 'text', array: true, default: '{}' })
  subGroups: string[];
}
