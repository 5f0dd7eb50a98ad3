import { TaskList } from '../../components/tasks/task-list';

/** /tasks */
export default function TasksPage() {
  return <TaskList />;
}
