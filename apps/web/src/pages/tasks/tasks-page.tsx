import { TaskList } from '../../components/tasks/task-list';
import { usePageTitle } from '../../app/page-title';

/** /tasks */
export default function TasksPage() {
  usePageTitle('tasks');
  return <TaskList />;
}
