// The few engine types the docs' Unity and Godot scripts touch, so that those scripts compile and run here as the
// engines would call them (Update and _Process once per frame). Nothing else of either engine is imitated.
namespace UnityEngine
{
    /// <summary>Unity's script base class; Unity calls a script's Update once per frame.</summary>
    public class MonoBehaviour
    {
    }

    /// <summary>Unity's frame clock.</summary>
    public static class Time
    {
        /// <summary>Seconds since the last frame; 60 frames a second here.</summary>
        public static float deltaTime { get; set; } = 1f / 60f;
    }
}

namespace Godot
{
    /// <summary>Godot's scene node; Godot calls _Process once per frame with the seconds since the last.</summary>
    public partial class Node
    {
        /// <summary>Called every frame.</summary>
        public virtual void _Process(double delta)
        {
        }
    }
}
