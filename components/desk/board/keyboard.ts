import { closestCorners, KeyboardCode, type ClientRect, type KeyboardCoordinateGetter } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";

const ARROWS: string[] = [KeyboardCode.Down, KeyboardCode.Right, KeyboardCode.Up, KeyboardCode.Left];

/** Whether `rect` lies the way the arrow points from where the lifted card is now. */
function ahead(arrow: string, from: ClientRect, rect: ClientRect): boolean {
  if (arrow === KeyboardCode.Down) return rect.top > from.top;
  if (arrow === KeyboardCode.Up) return rect.top < from.top;
  if (arrow === KeyboardCode.Right) return rect.left > from.left;
  return rect.left < from.left;
}

/**
 * Where an arrow key takes a card lifted by keyboard. dnd-kit's sortable keys move only a card that
 * is itself in a sortable list (a page's item); a waiting story is not in one, and they left it
 * where it was. It steps to the nearest place to drop it the way the arrow points, as an item does.
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { active, collisionRect, droppableRects, droppableContainers, over } = args.context;
  if (!active || droppableContainers.get(active.id)) return sortableKeyboardCoordinates(event, args);
  if (!collisionRect || !ARROWS.includes(event.code)) return undefined;
  event.preventDefault();
  const candidates = droppableContainers.getEnabled().filter((entry) => {
    const rect = droppableRects.get(entry.id);
    return rect && entry.id !== over?.id && ahead(event.code, collisionRect, rect);
  });
  const [nearest] = closestCorners({ active, collisionRect, droppableRects, droppableContainers: candidates, pointerCoordinates: null });
  const rect = nearest && droppableRects.get(nearest.id);
  return rect ? { x: rect.left, y: rect.top } : undefined;
};
